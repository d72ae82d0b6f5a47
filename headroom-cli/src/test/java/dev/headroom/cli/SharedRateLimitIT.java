package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged proxies with one {@code --rpm} limit per credential kept in one real redis-server
 * ({@code --store}): the requests of both draw from the same bucket; Redis gone, each instance's own bucket
 * decides and the fallback is counted.
 */
@Timeout(180)
class SharedRateLimitIT {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private int sent;

    @Test
    void bothInstancesDrawFromOneBucketAndRedisDownFallsBackToEachInstancesOwn() throws Exception {
        try (RedisServer redis = RedisServer.start();
             FakeAnthropic upstream = new FakeAnthropic(
                     "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[],\"usage\":{\"input_tokens\":4,\"output_tokens\":1}}");
             JarProxy a = proxy(redis, upstream);
             JarProxy b = proxy(redis, upstream)) {
            assertThat(send(a, "sk-ant-alice").statusCode()).isEqualTo(200);
            assertThat(send(b, "sk-ant-alice").statusCode()).isEqualTo(200);
            assertThat(send(a, "sk-ant-alice").statusCode()).isEqualTo(200);
            HttpResponse<String> refused = send(b, "sk-ant-alice");
            assertThat(refused.statusCode()).as("the fourth request in a minute, on the instance that saw one").isEqualTo(429);
            assertThat(Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 60L);
            assertThat(send(a, "sk-ant-alice").statusCode()).isEqualTo(429);
            assertThat(send(b, "sk-ant-bob").statusCode()).as("another credential has its own bucket").isEqualTo(200);
            assertThat(upstream.requests()).isEqualTo(4);

            redis.stop();
            assertThat(send(b, "sk-ant-alice").statusCode()).as("Redis down: B's own, unused bucket decides").isEqualTo(200);
            JsonNode stats = JsonCodec.parse(get(b, "/stats").body());
            assertThat(stats.at("/store_fallbacks/store_unavailable:rate_limit").asLong()).isPositive();
            assertThat(upstream.requests()).isEqualTo(5);
        }
    }

    private static JarProxy proxy(RedisServer redis, FakeAnthropic upstream) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "shared-rpm-home").toAbsolutePath();
        return JarProxy.start(home, Map.of("HEADROOM_STORE", redis.url()), "--no-cache", "--rpm", "3",
                "--anthropic-api-url", upstream.url());
    }

    /** A request unlike the ones before, with {@code key} as its credential. */
    private HttpResponse<String> send(JarProxy proxy, String key) throws Exception {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"question "
                + (++sent) + "\"}]}";
        return client.send(HttpRequest.newBuilder(URI.create(proxy.base() + "/v1/messages")).timeout(Duration.ofSeconds(30))
                .header("x-api-key", key).header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(JarProxy proxy, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(proxy.base() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
