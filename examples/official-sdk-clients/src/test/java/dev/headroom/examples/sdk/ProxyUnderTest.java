package dev.headroom.examples.sdk;

import dev.headroom.core.Headroom;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.proxy.ProxyServer;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.Providers;
import dev.headroom.stats.CompositeStatsSink;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The standalone Headroom proxy on a random loopback port, with the real compressors found on the
 * classpath, in front of a {@link FakeProvider} that plays both Anthropic and OpenAI.
 */
final class ProxyUnderTest implements AutoCloseable {
    /** How many times the proxy retries a 429/5xx before it relays the failure (the gateway default). */
    static final int PROXY_RETRIES = 2;

    final FakeProvider provider;
    private final ProxyServer proxy;

    ProxyUnderTest() throws IOException {
        provider = new FakeProvider();
        GatewayConfig config = GatewayConfig.builder()
                .anthropicBaseUrl(provider.baseUrl())
                .openaiBaseUrl(provider.baseUrl())
                .maxRetries(PROXY_RETRIES)
                .connectTimeout(Duration.ofSeconds(2))
                .headersTimeout(Duration.ofSeconds(20))
                .build();
        Gateway gateway = new Gateway(Headroom.builder().build(), config,
                Backends.discover(ProxyUnderTest.class.getClassLoader()), new CompositeStatsSink(List.of()));
        proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false);
    }

    /**
     * The compressors the proxy's engine finds on the classpath (from headroom-compress). The tool round
     * trips assert real compression, so they first check that there is something to compress with.
     */
    static List<String> compressorNames() {
        return Providers.discover(Compressor.class, ProxyUnderTest.class.getClassLoader()).providers().stream()
                .map(Compressor::name).sorted().toList();
    }

    /** What a user would put in {@code ANTHROPIC_BASE_URL}; OpenAI clients add {@code /v1}. */
    String url() {
        return "http://127.0.0.1:" + proxy.port();
    }

    @Override
    public void close() {
        proxy.close();
        provider.close();
    }
}
