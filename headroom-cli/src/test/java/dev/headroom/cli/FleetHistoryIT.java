package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged proxies on one real redis-server through {@code --store}: {@code /stats-history?scope=fleet} on either
 * answers the sum of both, the default (instance) scope each one's own; Redis stopped → the fleet scope is a 503 with a
 * JSON error while the instance scope still answers, and what was recorded meanwhile reaches Redis once it is back.
 */
@Timeout(180)
class FleetHistoryIT {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private int sent;

    @Test
    void eachInstanceKeepsItsOwnHistoryAndTheFleetScopeSumsThemFromRedis() throws Exception {
        try (RedisServer redis = RedisServer.start();
             FakeAnthropic upstream = answering();
             JarProxy a = proxy(redis, upstream);
             JarProxy b = proxy(redis, upstream)) {
            for (JarProxy p : List.of(a, b, a)) {
                assertThat(send(p).statusCode()).isEqualTo(200);
            }

            for (JarProxy p : List.of(a, b)) {
                JsonNode fleet = awaitFleetRequests(p, 3); // B's or A's counts arrive with their background flush
                assertThat(fleet.at("/lifetime/output_tokens").asLong()).isEqualTo(18);
                assertThat(requests(fleet.at("/series/daily"))).isEqualTo(3);
                assertThat(requests(fleet.at("/series/hourly"))).isEqualTo(3);
                List<String> csv = get(p, "/stats-history?scope=fleet&format=csv&series=hourly").body().lines().toList();
                assertThat(csv.get(0)).startsWith("period_start,requests,");
                assertThat(csv.stream().skip(1).mapToLong(line -> Long.parseLong(line.split(",")[1])).sum()).isEqualTo(3);
            }
            assertThat(history(a, "").at("/lifetime/requests").asLong()).as("A's own, the default scope").isEqualTo(2);
            assertThat(history(a, "?scope=instance").at("/lifetime/requests").asLong()).isEqualTo(2);
            assertThat(history(b, "?scope=instance").at("/lifetime/requests").asLong()).as("B's own").isEqualTo(1);
            HttpResponse<String> unknown = get(a, "/stats-history?scope=everyone");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("instance or fleet");

            redis.stop();
            assertThat(send(a).statusCode()).as("Redis down: requests still answered").isEqualTo(200);
            for (String query : List.of("?scope=fleet", "?scope=fleet&format=csv")) {
                HttpResponse<String> down = get(a, "/stats-history" + query);
                assertThat(down.statusCode()).as(query).isEqualTo(503);
                assertThat(down.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
                assertThat(down.headers().firstValue("content-disposition")).isEmpty();
                assertThat(JsonCodec.parse(down.body()).at("/error/message").asText())
                        .contains(redis.url()).contains("unreachable").doesNotContain("Exception");
            }
            assertThat(history(a, "?scope=instance").at("/lifetime/requests").asLong()).as("the instance scope is unaffected")
                    .isEqualTo(3);
            JsonNode fallbacks = stats(a).get("store_fallbacks");
            assertThat(fallbacks.get("store_unavailable:history_read").asLong()).isPositive();
            assertThat(fallbacks.has("store_unavailable:history")).isTrue();

            redis.restart(); // empty: what A recorded while it was down is all the fleet has
            JsonNode again = awaitFleetRequests(b, 1);
            assertThat(requests(again.at("/series/daily"))).isEqualTo(1);
            assertThat(history(a, "?scope=fleet").at("/lifetime/requests").asLong()).isEqualTo(1);
        }
    }

    /** Polls {@code p}'s fleet history until it counts {@code requests}, at most 15 s; never a 5xx on the way. */
    private JsonNode awaitFleetRequests(JarProxy p, long requests) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            HttpResponse<String> r = get(p, "/stats-history?scope=fleet");
            if (r.statusCode() == 200) {
                JsonNode root = JsonCodec.parse(r.body().getBytes(StandardCharsets.UTF_8));
                if (root.at("/lifetime/requests").asLong() == requests) {
                    return root;
                }
            } else {
                assertThat(r.statusCode()).as("only a reconnecting Redis may answer 503").isEqualTo(503);
            }
            assertThat(System.nanoTime()).as(p.base() + " fleet history at " + requests + " requests: " + r.body())
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** The requests of every period of one series (periods may straddle an hour or a midnight). */
    private static long requests(JsonNode series) {
        long n = 0;
        for (JsonNode period : series) {
            n += period.get("requests").asLong();
        }
        return n;
    }

    private static FakeAnthropic answering() throws Exception {
        return new FakeAnthropic("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"usage\":{\"input_tokens\":40,\"output_tokens\":6}}");
    }

    private static JarProxy proxy(RedisServer redis, FakeAnthropic upstream) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "fleet-history-home").toAbsolutePath();
        return JarProxy.start(home, Map.of("HEADROOM_STORE", redis.url()), "--no-cache",
                "--anthropic-api-url", upstream.url());
    }

    private HttpResponse<String> send(JarProxy p) throws Exception {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":"
                + dev.headroom.testkit.ToolCallRequests.quoted("question " + (++sent)) + "}]}";
        return client.send(HttpRequest.newBuilder(URI.create(p.base() + "/v1/messages")).timeout(Duration.ofSeconds(30))
                .header("x-api-key", "sk-ant-fleet-key").header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(JarProxy p, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(p.base() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode history(JarProxy p, String query) throws Exception {
        HttpResponse<String> r = get(p, "/stats-history" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JsonCodec.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode stats(JarProxy p) throws Exception {
        return JsonCodec.parse(get(p, "/stats").body().getBytes(StandardCharsets.UTF_8));
    }
}
