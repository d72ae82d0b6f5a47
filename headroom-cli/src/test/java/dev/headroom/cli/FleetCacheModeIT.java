package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.testkit.StaleReadTurns;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

/**
 * Two packaged proxies in cache mode sharing one real redis-server through {@code --store}: turn 1 goes through
 * instance A, turn 2 (turn 1's messages, an edit and a fresh read of the same file) through instance B, which
 * replays what A forwarded for turn 1 byte-for-byte. Without that prefix B would rewrite the first read as stale.
 * With Redis down the turn is still answered, compressed without a known prefix, and the fallback is counted.
 */
@Timeout(180)
class FleetCacheModeIT {
    private static final String LOG = IntStream.range(0, 300)
            .mapToObj(i -> "2026-11-26T10:00:" + String.format("%02d", i % 60) + "Z INFO request id=" + (i * 7919 % 100_003)
                    + " path=/api/items/" + i + " served status=200 in " + (i % 17) + " ms")
            .collect(Collectors.joining("\n")) + "\n2026-11-26T10:05:00Z ERROR payment declined id=4242\n";
    private static final int TURN1_ITEMS = 5;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void turnTwoOnInstanceBReplaysWhatInstanceAForwardedForTurnOneByteForByte() throws Exception {
        String[] turns = StaleReadTurns.turns(LOG);
        try (RedisServer redis = RedisServer.start();
             CapturingUpstream upstream = new CapturingUpstream();
             JarProxy a = proxy(redis, upstream);
             JarProxy b = proxy(redis, upstream)) {
            assertThat(post(a, turns[0]).statusCode()).isEqualTo(200);
            List<String> byA = items(upstream.lastBody());
            assertThat(byA).hasSize(TURN1_ITEMS);
            assertThat(byA.get(4)).as("A compressed the log behind a marker").contains("hash=").doesNotContain("path=/api/items/150 ");

            assertThat(post(b, turns[1]).statusCode()).isEqualTo(200);
            List<String> byB = items(upstream.lastBody());
            assertThat(byB).hasSize(TURN1_ITEMS + 4);
            assertThat(byB.subList(0, TURN1_ITEMS)).as("B replayed A's turn-1 items").isEqualTo(byA);
            assertThat(messagesText(upstream.lastBody())).startsWith(messagesText(bodyWithItems(byA)));

            assertThat(post(b, turns[1], "x-headroom-session-id", "a-session-nobody-saw").statusCode()).isEqualTo(200);
            List<String> fresh = items(upstream.lastBody());
            assertThat(fresh.get(2)).as("with no known prefix the first read is rewritten as stale").contains("stale read")
                    .isNotEqualTo(byA.get(2));

            redis.stop();
            HttpResponse<String> down = post(b, turns[1]);
            assertThat(down.statusCode()).as("Redis down: the turn still passes").isEqualTo(200);
            assertThat(items(upstream.lastBody()).get(4)).as("no prefix replayed: compressed afresh, losslessly (the retention "
                    + "store is down too), so A's marker is not there").doesNotContain("hash=").contains("path=/api/items/150 ");
            assertThat(stats(b).at("/store_fallbacks/store_unavailable:session").asLong()).isPositive();
        }
    }




    /** Each forwarded message as compact JSON text. */
    private static List<String> items(String body) {
        JsonNode messages = JsonCodec.parse(body.getBytes(StandardCharsets.UTF_8)).path("messages");
        return IntStream.range(0, messages.size()).mapToObj(i -> JsonCodec.write(messages.get(i))).toList();
    }

    /** The forwarded messages array as text, without its closing bracket. */
    private static String messagesText(String body) {
        String all = JsonCodec.write(JsonCodec.parse(body.getBytes(StandardCharsets.UTF_8)).path("messages"));
        return all.substring(0, all.length() - 1);
    }

    private static String bodyWithItems(List<String> items) {
        return "{\"messages\":[" + String.join(",", items) + "]}";
    }

    private static JarProxy proxy(RedisServer redis, CapturingUpstream upstream) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "fleet-cache-home").toAbsolutePath();
        return JarProxy.start(home, Map.of("HEADROOM_STORE", redis.url()), "--mode", "cache", "--no-cache",
                "--anthropic-api-url", upstream.url(), "--openai-api-url", upstream.url());
    }

    private HttpResponse<String> post(JarProxy proxy, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy.base() + "/v1/messages")).timeout(Duration.ofSeconds(30))
                .header("x-api-key", "sk-ant-test-key").header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode stats(JarProxy p) throws Exception {
        String body = client.send(HttpRequest.newBuilder(URI.create(p.base() + "/stats")).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return JsonCodec.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
