package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.Headroom;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.gateway.Mode;
import dev.headroom.pipeline.KeepHeadCompressor;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.testkit.StaleReadTurns;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Cache mode replays what was forwarded before; token mode may re-render it. Bypass and passthrough forward as is. */
@Timeout(60)
class CacheModeIT {
    private RecordingUpstream upstream;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        upstream = new RecordingUpstream();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    private ProxyServer proxy(Mode mode, boolean optimize) {
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl()).openaiBaseUrl(upstream.baseUrl())
                .mode(mode).optimize(optimize).build();
        Gateway gateway = new Gateway(Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor(3)).build(),
                config, Backends.discover(CacheModeIT.class.getClassLoader()), new CompositeStatsSink(List.of()));
        return ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false);
    }

    private byte[] send(ProxyServer proxy, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        assertThat(client.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        return upstream.last().body();
    }




    private static List<JsonNode> firstMessages(byte[] body, int n) {
        JsonNode messages = JsonCodec.parse(body).get("messages");
        return java.util.stream.IntStream.range(0, n).mapToObj(messages::get).toList();
    }

    @Test
    void cacheModeReplaysThePreviouslyForwardedPrefixByteForByte() throws Exception {
        String[] turns = StaleReadTurns.turns();
        try (ProxyServer proxy = proxy(Mode.CACHE, true)) {
            byte[] first = send(proxy, turns[0]);
            byte[] second = send(proxy, turns[1]);
            assertThat(firstMessages(second, 3)).isEqualTo(firstMessages(first, 3));
            String a = new String(first, StandardCharsets.UTF_8);
            String b = new String(second, StandardCharsets.UTF_8);
            assertThat(b).startsWith(a.substring(0, a.length() - 2));
        }
    }

    @Test
    void tokenModeRewritesTheStaleReadOnTheLaterTurn() throws Exception {
        String[] turns = StaleReadTurns.turns();
        try (ProxyServer proxy = proxy(Mode.TOKEN, true)) {
            byte[] first = send(proxy, turns[0]);
            byte[] second = send(proxy, turns[1]);
            assertThat(firstMessages(second, 3)).isNotEqualTo(firstMessages(first, 3));
            assertThat(JsonCodec.parse(second).at("/messages/2/content/0/content").asText()).startsWith("[stale read of /repo/pay.py");
        }
    }

    @Test
    void bypassHeaderAndPassthroughModeForwardTheExactBytes() throws Exception {
        String body = StaleReadTurns.turns()[1];
        try (ProxyServer proxy = proxy(Mode.TOKEN, true)) {
            assertThat(new String(send(proxy, body, "x-headroom-bypass", "true"), StandardCharsets.UTF_8)).isEqualTo(body);
        }
        try (ProxyServer proxy = proxy(Mode.TOKEN, false)) {
            assertThat(new String(send(proxy, body), StandardCharsets.UTF_8)).isEqualTo(body);
        }
    }
}
