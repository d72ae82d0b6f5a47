package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.Headroom;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.stats.PriceTable;
import dev.headroom.stats.StatsAggregator;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /health}: everyone sees the status; only loopback callers see the configuration and the stores. */
@Timeout(30)
class HealthIT {
    private ProxyServer proxy;

    @BeforeEach
    void start() {
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(URI.create("http://127.0.0.1:9"))
                .openaiBaseUrl(URI.create("http://127.0.0.1:9")).build();
        Gateway gateway = new Gateway(Headroom.builder().discoverCompressors(false).build(), config,
                Backends.discover(HealthIT.class.getClassLoader()), new StatsAggregator(PriceTable.builtIn()));
        proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false);
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    private JsonNode health(String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
            return JsonCodec.parse(response.substring(response.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void showsConfigurationAndStoresToLoopbackCallers() throws Exception {
        JsonNode health = health("127.0.0.1:" + proxy.port());
        assertThat(health.path("status").asText()).isEqualTo("healthy");
        assertThat(health.at("/config/anthropic_api_url").asText()).isEqualTo("http://127.0.0.1:9");
        assertThat(health.at("/stores/retention/status").asText()).isEqualTo("ok");
        assertThat(health.at("/config/output_shaper/verbosity").asBoolean(true)).as("the output shaper is off by default").isFalse();
        assertThat(health.at("/config/output_shaper/effort_router").asBoolean(true)).isFalse();
        assertThat(health.at("/config/output_shaper/verbosity_level").asInt()).isEqualTo(2);
        assertThat(health.at("/config/output_shaper/holdout").asDouble()).as("the holdout share, used once the shaper is on").isEqualTo(0.1);
    }

    @Test
    void showsOnlyStatusAndVersionWhenTheHostIsNotLoopback() throws Exception {
        JsonNode health = health("proxy.example.com");
        assertThat(health.path("status").asText()).isEqualTo("healthy");
        assertThat(health.has("version")).isTrue();
        assertThat(health.has("config")).isFalse();
        assertThat(health.has("stores")).isFalse();
    }
}
