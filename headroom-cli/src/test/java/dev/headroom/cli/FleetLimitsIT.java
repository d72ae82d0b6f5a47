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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged proxies sharing one real redis-server through {@code --store}: one budget, one rate limit and one
 * response cache for both; Redis stopped → requests still answered (never a 5xx), each fallback counted in {@code /stats};
 * Redis back → shared again.
 */
@Timeout(180)
class FleetLimitsIT {
    /** 40 input and 6 output tokens of claude-sonnet-4-5 at $3 and $15 per million: $0.00021 a request. */
    private static final BigDecimal ONE_REQUEST = new BigDecimal("0.000210");
    private static final String BUDGET_FALLBACK = "store_unavailable:budget";
    private static final String RATE_FALLBACK = "store_unavailable:rate_limit";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private int sent;

    @Test
    void theSecondInstanceRefusesOnceTheFirstSpentTheSharedBudgetAndPassesWhileRedisIsDown() throws Exception {
        try (RedisServer redis = RedisServer.start();
             FakeAnthropic upstream = answering();
             JarProxy a = proxy(redis, upstream, "--budget", "0.0004", "--budget-period", "monthly");
             JarProxy b = proxy(redis, upstream, "--budget", "0.0004", "--budget-period", "monthly")) {
            assertThat(a.banner()).contains("spend kept in " + redis.url() + " (shared)");
            assertThat(send(a).statusCode()).isEqualTo(200);
            assertThat(send(a).statusCode()).isEqualTo(200);
            awaitSpent(a, ONE_REQUEST.multiply(BigDecimal.valueOf(2)));

            HttpResponse<String> refused = send(b);
            assertThat(refused.statusCode()).as("B never spent anything itself").isEqualTo(429);
            assertThat(refused.body()).contains("budget exhausted");
            assertThat(stats(b).at("/budget/spent_usd").decimalValue()).isGreaterThanOrEqualTo(ONE_REQUEST.multiply(BigDecimal.valueOf(2)));

            redis.stop();
            for (JarProxy p : List.of(a, b)) {
                assertThat(send(p).statusCode()).as("Redis down: the request passes").isEqualTo(200);
                assertThat(stats(p).at("/store_fallbacks/" + BUDGET_FALLBACK).asLong()).isPositive();
            }

            redis.restart(); // empty: a new spend
            awaitShared(a, BUDGET_FALLBACK, 200);
            int passed = 0;
            while (send(a).statusCode() == 200) {
                assertThat(++passed).as("A spends the new budget").isLessThan(5);
            }
            awaitShared(b, BUDGET_FALLBACK, 429); // Redis back: B sees A's spend again
        }
    }

    @Test
    void oneRateLimitAcrossBothInstancesFallsBackPerInstanceWhileRedisIsDown() throws Exception {
        try (RedisServer redis = RedisServer.start();
             FakeAnthropic upstream = answering();
             JarProxy a = proxy(redis, upstream, "--rpm", "6");
             JarProxy b = proxy(redis, upstream, "--rpm", "6")) {
            assertThat(a.banner()).contains("6 requests, 5000000 tokens per minute per API key");
            for (int i = 0; i < 3; i++) {
                assertThat(send(a).statusCode()).isEqualTo(200);
                assertThat(send(b).statusCode()).isEqualTo(200);
            }
            for (JarProxy p : List.of(a, b)) {
                HttpResponse<String> limited = send(p);
                assertThat(limited.statusCode()).as("the seventh request a minute, across both").isEqualTo(429);
                assertThat(limited.body()).contains("rate limit");
                assertThat(limited.headers().firstValue("retry-after")).isPresent();
            }

            redis.stop();
            for (JarProxy p : List.of(a, b)) {
                HttpResponse<String> down = send(p);
                assertThat(down.statusCode()).as("Redis down: the instance's own buckets, still full").isEqualTo(200);
                assertThat(stats(p).at("/store_fallbacks/" + RATE_FALLBACK).asLong()).isPositive();
            }

            redis.restart(); // empty: fresh buckets
            awaitShared(a, RATE_FALLBACK, 200);
            awaitShared(b, RATE_FALLBACK, 200);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                statuses.add(send(a).statusCode());
                statuses.add(send(b).statusCode());
            }
            assertThat(statuses).as("6 a minute: 2 taken while waiting, these 4").containsOnly(200);
            assertThat(send(a).statusCode()).as("Redis back: one limit again").isEqualTo(429);
            assertThat(send(b).statusCode()).isEqualTo(429);
        }
    }

    @Test
    void anAnswerStoredByOneInstanceIsReplayedByTheOtherAndEachKeepsItsOwnWhileRedisIsDown() throws Exception {
        try (RedisServer redis = RedisServer.start();
             FakeAnthropic upstream = answering();
             JarProxy a = proxy(redis, upstream, true);
             JarProxy b = proxy(redis, upstream, true)) {
            assertThat(a.banner()).contains("response cache: on, 600 s (shared)");
            HttpResponse<String> first = send(a, "what is a fleet?");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("x-headroom-cached")).isEmpty();
            Thread.sleep(200); // the answer is stored just after it is sent
            HttpResponse<String> replayed = send(b, "what is a fleet?");
            assertThat(replayed.headers().firstValue("x-headroom-cached")).as("B replays A's answer").contains("true");
            assertThat(replayed.body()).isEqualTo(first.body());
            assertThat(upstream.requests()).isEqualTo(1);

            redis.stop();
            assertThat(send(b, "and while Redis is down?").statusCode()).isEqualTo(200);
            Thread.sleep(200);
            HttpResponse<String> local = send(b, "and while Redis is down?");
            assertThat(local.statusCode()).isEqualTo(200);
            assertThat(local.headers().firstValue("x-headroom-cached")).as("B's own entries meanwhile").contains("true");
            HttpResponse<String> elsewhere = send(a, "and while Redis is down?");
            assertThat(elsewhere.statusCode()).isEqualTo(200);
            assertThat(elsewhere.headers().firstValue("x-headroom-cached")).as("not shared while down").isEmpty();
            assertThat(upstream.requests()).isEqualTo(3);
            assertThat(stats(b).at("/store_fallbacks/store_unavailable:response_cache").asLong()).isPositive();
        }
    }

    /**
     * Sends requests to {@code p} until one reached Redis (its fallback count did not grow), which must be
     * answered {@code expected}; at most 20 s.
     */
    private void awaitShared(JarProxy p, String reason, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            long before = stats(p).at("/store_fallbacks/" + reason).asLong();
            int status = send(p).statusCode();
            assertThat(status).as("never a 5xx").isLessThan(500);
            if (stats(p).at("/store_fallbacks/" + reason).asLong() == before) {
                assertThat(status).as("answered through Redis").isEqualTo(expected);
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(p.base() + " did not reach Redis again within 20 s");
    }

    private void awaitSpent(JarProxy p, BigDecimal spent) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (stats(p).at("/budget/spent_usd").decimalValue().compareTo(spent) < 0) {
            assertThat(System.nanoTime()).as("spend charged").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static FakeAnthropic answering() throws Exception {
        return new FakeAnthropic("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"usage\":{\"input_tokens\":40,\"output_tokens\":6}}");
    }

    private static JarProxy proxy(RedisServer redis, FakeAnthropic upstream, String... more) throws Exception {
        return proxy(redis, upstream, false, more);
    }

    private static JarProxy proxy(RedisServer redis, FakeAnthropic upstream, boolean cache, String... more) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "fleet-limits-home").toAbsolutePath();
        String[] args = Stream.of(Stream.of(cache ? "--cache-ttl=600" : "--no-cache"),
                Stream.of("--anthropic-api-url", upstream.url()), Stream.of(more)).flatMap(x -> x).toArray(String[]::new);
        return JarProxy.start(home, Map.of("HEADROOM_STORE", redis.url()), args);
    }

    /** A request unlike the ones before, with the same API key (one credential for the rate limit). */
    private HttpResponse<String> send(JarProxy p) throws Exception {
        return send(p, "question " + (++sent));
    }

    private HttpResponse<String> send(JarProxy p, String question) throws Exception {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":"
                + dev.headroom.testkit.ToolCallRequests.quoted(question) + "}]}";
        return client.send(HttpRequest.newBuilder(URI.create(p.base() + "/v1/messages")).timeout(Duration.ofSeconds(30))
                .header("x-api-key", "sk-ant-fleet-key").header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode stats(JarProxy p) throws Exception {
        String body = client.send(HttpRequest.newBuilder(URI.create(p.base() + "/stats")).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return JsonCodec.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
