package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import dev.headroom.retention.Marker;
import dev.headroom.testkit.ToolCallRequests;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Two packaged proxies sharing one real redis-server through {@code --store}. */
class SharedRedisStoreIT {
    private static final String LOG = IntStream.range(0, 300)
            .mapToObj(i -> "2026-11-26T10:00:" + String.format("%02d", i % 60) + "Z INFO request id=" + (i * 7919 % 100_003)
                    + " path=/api/items/" + i + " served status=200 in " + (i % 17) + " ms")
            .collect(Collectors.joining("\n")) + "\n2026-11-26T10:05:00Z ERROR payment declined id=4242\n";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void markersEmittedByOneInstanceAreRedeemedByAnotherAndRedisOutagesFallBackLosslessly() throws Exception {
        String request = ToolCallRequests.anthropic("Bash", "ok\n", "Grep", LOG);
        try (RedisServer redis = RedisServer.start();
             CapturingUpstream upstream = new CapturingUpstream();
             JarProxy a = proxy(redis, upstream);
             JarProxy b = proxy(redis, upstream)) {
            assertThat(a.banner()).contains("retrieval store: " + redis.url());

            // a Redis write may miss its 200 ms timeout on a loaded machine: that request then goes without a marker
            List<String> hashes = markersWithin(a, upstream, request, "instance A compressed behind a marker");
            HttpResponse<String> fromB = get(b, "/v1/retrieve/" + hashes.get(0));
            assertThat(fromB.statusCode()).isEqualTo(200);
            assertThat(fromB.body()).contains("ERROR payment declined id=4242").contains("path=/api/items/299");

            redis.stop();
            HttpResponse<String> down = post(a, request);
            assertThat(down.statusCode()).as("Redis down: still answered").isEqualTo(200);
            String forwarded = upstream.lastBody();
            assertThat(Marker.hashesIn(forwarded)).as("no marker without a store to redeem it").isEmpty();
            assertThat(forwarded).contains("ERROR payment declined id=4242");
            assertThat(get(b, "/v1/retrieve/" + hashes.get(0)).statusCode()).isLessThan(500);
            JsonNode stats = JsonCodec.parse(get(a, "/stats").body().getBytes(StandardCharsets.UTF_8));
            assertThat(stats.at("/store_fallbacks/store_unavailable:retention").asLong()).isPositive();
            JsonNode statsB = JsonCodec.parse(get(b, "/stats").body().getBytes(StandardCharsets.UTF_8));
            assertThat(statsB.at("/store_fallbacks/store_unavailable:retention_read").asLong()).isPositive();

            redis.restart();
            List<String> again = markersWithin(a, upstream, request, "Redis back: markers again");
            assertThat(get(b, "/v1/retrieve/" + again.get(0)).body()).contains("ERROR payment declined id=4242");
        }
    }

    /** The markers of the first request {@code proxy} forwards with any, trying for up to 20 s. */
    private List<String> markersWithin(JarProxy proxy, CapturingUpstream upstream, String request, String what) throws Exception {
        List<String> hashes = forwardedMarkers(proxy, upstream, request);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (hashes.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            hashes = forwardedMarkers(proxy, upstream, request);
        }
        if (hashes.isEmpty()) {
            // the proxy's counters tell where to look: store fallbacks, reasons, compressors
            assertThat(hashes).as("%s; the proxy's stats: %s", what, get(proxy, "/stats").body()).isNotEmpty();
        }
        return hashes;
    }

    private List<String> forwardedMarkers(JarProxy proxy, CapturingUpstream upstream, String request) throws Exception {
        assertThat(post(proxy, request).statusCode()).isEqualTo(200);
        return Marker.hashesIn(upstream.lastBody());
    }

    private static JarProxy proxy(RedisServer redis, CapturingUpstream upstream) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "redis-home").toAbsolutePath();
        return JarProxy.start(home, Map.of("HEADROOM_STORE", redis.url()), "--no-cache",
                "--anthropic-api-url", upstream.url(), "--openai-api-url", upstream.url());
    }

    private HttpResponse<String> post(JarProxy proxy, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(proxy.base() + "/v1/messages")).timeout(Duration.ofSeconds(30))
                .header("x-api-key", "sk-ant-test-key").header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(JarProxy proxy, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(proxy.base() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
