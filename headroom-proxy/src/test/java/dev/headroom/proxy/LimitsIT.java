package dev.headroom.proxy;

import dev.headroom.testkit.MutableClock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.gateway.RateLimiter;
import dev.headroom.gateway.ResponseCache;
import dev.headroom.spi.RequestRecord;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits and the response cache, between a real client and a real in-test upstream on loopback. */
@Timeout(60)
class LimitsIT {
    private static final String KEY_A = "sk-ant-api03-TENANT-A";
    private static final String KEY_B = "sk-ant-api03-TENANT-B";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MutableClock clock = new MutableClock();
    private RecordingUpstream upstream;
    private StatsProxy proxy;

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = new RecordingUpstream();
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200,
                "{\"id\":\"msg_" + upstream.received.size() + "\",\"type\":\"message\",\"usage\":{\"input_tokens\":5,\"output_tokens\":7}}"));
    }

    private void startProxy(UnaryOperator<GatewayConfig.Builder> settings) {
        GatewayConfig config = settings.apply(GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl())
                .openaiBaseUrl(upstream.baseUrl()).maxRetries(0).connectTimeout(Duration.ofSeconds(2))).build();
        proxy = StatsProxy.start(config);
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        upstream.close();
    }

    private URI url(String path) {
        return proxy.http.url(path);
    }

    private HttpResponse<String> ask(String apiKey, String body, String... headers) throws Exception {
        List<String> all = new ArrayList<>(List.of("x-api-key", apiKey, "anthropic-version", "2023-06-01",
                "content-type", "application/json"));
        all.addAll(List.of(headers));
        return proxy.http.post("/v1/messages", body, all.toArray(String[]::new));
    }

    private static String question(String text) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"temperature\":0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    @Test
    void theRequestThatCrossesTheRequestLimitGets429WithRetryAfterAndNeverReachesTheUpstream() throws Exception {
        startProxy(b -> b.clock(clock).rateLimit(new RateLimiter.Settings(true, 3, 1_000_000))
                .responseCache(ResponseCache.Settings.disabled()));
        for (int i = 0; i < 3; i++) {
            assertThat(ask(KEY_A, question("q" + i)).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = ask(KEY_A, question("q3"));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("retry-after")).contains("20");
        JsonNode envelope = JsonCodec.parse(refused.body().getBytes(StandardCharsets.UTF_8));
        assertThat(envelope.path("type").asText()).isEqualTo("error");
        assertThat(envelope.at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(refused.body()).doesNotContain("TENANT-A");
        assertThat(upstream.received).hasSize(3);
        assertThat(records(4)).extracting(RequestRecord::status).containsExactlyInAnyOrder(200, 200, 200, 429);

        assertThat(ask(KEY_B, question("other tenant")).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(20));
        assertThat(ask(KEY_A, question("after refill")).statusCode()).isEqualTo(200);
        assertThat(upstream.received).hasSize(5);
    }

    @Test
    void theRequestThatCrossesTheTokenLimitIsRefusedToo() throws Exception {
        startProxy(b -> b.clock(clock).rateLimit(new RateLimiter.Settings(true, 1_000, 100))
                .responseCache(ResponseCache.Settings.disabled()));
        assertThat(ask(KEY_A, question("alpha ".repeat(150))).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = ask(KEY_A, question("beta ".repeat(150)));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 60L);
        assertThat(upstream.received).hasSize(1);
    }

    @Test
    void aSecondIdenticalRequestIsServedFromTheCacheAndAnotherKeyMisses() throws Exception {
        startProxy(b -> b);
        HttpResponse<String> first = ask(KEY_A, question("same"));
        HttpResponse<String> second = ask(KEY_A, question("same"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("x-headroom-cached")).isEmpty();
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("x-headroom-cached")).contains("true");
        assertThat(second.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(upstream.received).hasSize(1);
        assertThat(records(2)).extracting(RequestRecord::cached).containsExactlyInAnyOrder(false, true);

        HttpResponse<String> otherTenant = ask(KEY_B, question("same"));
        assertThat(otherTenant.headers().firstValue("x-headroom-cached")).isEmpty();
        assertThat(otherTenant.body()).isNotEqualTo(first.body());
        assertThat(upstream.received).hasSize(2);

        HttpResponse<String> otherParameter = ask(KEY_A, question("same").replace("\"temperature\":0", "\"temperature\":1"));
        assertThat(otherParameter.headers().firstValue("x-headroom-cached")).isEmpty();
        assertThat(upstream.received).hasSize(3);

        HttpResponse<String> fresh = ask(KEY_A, question("same"), "cache-control", "no-cache");
        assertThat(fresh.headers().firstValue("x-headroom-cached")).isEmpty();
        assertThat(upstream.received).hasSize(4);
    }

    @Test
    void streamingRequestsAndErrorAnswersAreNeverCached() throws Exception {
        startProxy(b -> b);
        upstream.respondWith((ex, r) -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            byte[] events = ("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":5}}}\n\n"
                    + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, events.length);
            ex.getResponseBody().write(events);
        });
        String streaming = question("stream me").replace("\"max_tokens\":100,", "\"max_tokens\":100,\"stream\":true,");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = ask(KEY_A, streaming);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("message_stop");
            assertThat(r.headers().firstValue("x-headroom-cached")).isEmpty();
        }
        assertThat(upstream.received).hasSize(2);

        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 400,
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"no\"}}"));
        assertThat(ask(KEY_A, question("bad")).statusCode()).isEqualTo(400);
        assertThat(ask(KEY_A, question("bad")).statusCode()).isEqualTo(400);
        assertThat(upstream.received).hasSize(4);
    }

    @Test
    void cacheClearFromLoopbackEmptiesTheCacheAndOtherHostsAreRefused() throws Exception {
        startProxy(b -> b);
        ask(KEY_A, question("remember"));
        assertThat(ask(KEY_A, question("remember")).headers().firstValue("x-headroom-cached")).contains("true");

        assertThat(rawPost("/cache/clear", "attacker.example")).startsWith("HTTP/1.1 403");
        assertThat(ask(KEY_A, question("remember")).headers().firstValue("x-headroom-cached")).contains("true");

        HttpResponse<String> cleared = client.send(HttpRequest.newBuilder(url("/cache/clear"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(cleared.body()).isEqualTo("{\"cleared\":1}");
        assertThat(ask(KEY_A, question("remember")).headers().firstValue("x-headroom-cached")).isEmpty();
        assertThat(upstream.received).hasSize(2);
    }

    @Test
    void theDefaultsNeverBiteOneDeveloperRunningSeveralAgents() throws Exception {
        startProxy(b -> b);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String body = question("agent task " + i + " " + "context ".repeat(500));
                statuses.add(pool.submit(() -> ask(KEY_A, body).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(upstream.received).hasSize(200);
        assertThat(records(200)).extracting(RequestRecord::status).containsOnly(200);
    }

    /**
     * The first {@code n} records. The gateway records a request just after its answer went out, so a client
     * can see the answer first: wait (bounded) until the records have arrived.
     */
    private List<RequestRecord> records(int n) throws InterruptedException {
        assertThat(proxy.recorded.await(n)).as(n + " records").isTrue();
        return proxy.recorded.records().subList(0, n);
    }

    /** A POST with a chosen Host header, which the JDK client does not let a caller set. */
    private String rawPost(String path, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
