package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
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
 * Two packaged proxies with one {@code --budget} kept in one real redis-server ({@code --store}): what one
 * spends, the other refuses on; Redis gone, both let requests through and count the fallback.
 */
@Timeout(180)
class SharedBudgetIT {
    /** 40 input and 6 output tokens of claude-sonnet-4-5 at the built-in prices. */
    private static final BigDecimal ONE_REQUEST = new BigDecimal("0.000210");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private int sent;

    @Test
    void oneInstanceSpendingTheBudgetMakesTheOtherRefuseAndRedisDownLetsRequestsPass() throws Exception {
        try (RedisServer redis = RedisServer.start();
             FakeAnthropic upstream = new FakeAnthropic(
                     "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[],\"usage\":{\"input_tokens\":40,\"output_tokens\":6}}");
             JarProxy a = proxy(redis, upstream);
             JarProxy b = proxy(redis, upstream)) {
            assertThat(a.banner()).contains("spend kept in " + redis.url() + " (shared)");

            assertThat(send(a).statusCode()).isEqualTo(200);
            assertThat(send(a).statusCode()).isEqualTo(200);
            JsonNode seenByB = budget(b, ONE_REQUEST.add(ONE_REQUEST));
            assertThat(seenByB.get("exhausted").asBoolean()).as("B sees what A spent").isTrue();

            HttpResponse<String> refused = send(b);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(JsonCodec.parse(refused.body()).at("/error/message").asText()).contains("monthly budget of 0.0004 USD");
            assertThat(send(a).statusCode()).isEqualTo(429);
            assertThat(upstream.requests()).as("refused requests are not forwarded").isEqualTo(2);

            redis.stop();
            HttpResponse<String> passed = send(b);
            assertThat(passed.statusCode()).as("a budget that cannot be read does not refuse").isEqualTo(200);
            assertThat(upstream.requests()).isEqualTo(3);
            JsonNode stats = JsonCodec.parse(get(b, "/stats").body());
            assertThat(stats.at("/store_fallbacks/store_unavailable:budget").asLong()).isPositive();
            assertThat(stats.has("budget")).as("no budget figure while it cannot be read").isFalse();

            redis.restart();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int status = 0;
            while (status != 429 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                status = send(b).statusCode();
            }
            assertThat(status).as("Redis back: the shared budget refuses again once spent").isEqualTo(429);
        }
    }

    private static JarProxy proxy(RedisServer redis, FakeAnthropic upstream) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "shared-budget-home").toAbsolutePath();
        return JarProxy.start(home, Map.of("HEADROOM_STORE", redis.url()), "--no-cache", "--anthropic-api-url",
                upstream.url(), "--budget", "0.0004", "--budget-period", "monthly");
    }

    /** A request unlike the ones before. */
    private HttpResponse<String> send(JarProxy proxy) throws Exception {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"question "
                + (++sent) + "\"}]}";
        return client.send(HttpRequest.newBuilder(URI.create(proxy.base() + "/v1/messages")).timeout(Duration.ofSeconds(30))
                .header("x-api-key", "sk-ant-test").header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The budget of {@code /stats} once at least {@code spent} was charged (a request is charged just after its answer). */
    private JsonNode budget(JarProxy proxy, BigDecimal spent) throws Exception {
        JsonNode budget;
        do {
            budget = JsonCodec.parse(get(proxy, "/stats").body()).get("budget");
        } while (budget.get("spent_usd").decimalValue().compareTo(spent) < 0);
        return budget;
    }

    private HttpResponse<String> get(JarProxy proxy, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(proxy.base() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
