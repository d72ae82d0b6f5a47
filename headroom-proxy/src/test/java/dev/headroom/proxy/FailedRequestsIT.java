package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.stats.SavingsHistory;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that were not answered: the proxy's own refusals (malformed JSON, a body over the limit) are counted
 * as failed in /stats and /metrics, and a request whose upstream failed saves nothing in /stats, /metrics or
 * the savings history, however much its compression removed.
 */
@Timeout(60)
class FailedRequestsIT {
    private static final int MAX_BODY = 16 * 1024;
    private RecordingUpstream upstream;
    private StatsProxy proxy;
    private SavingsHistory history;

    @BeforeEach
    void start() throws Exception {
        upstream = new RecordingUpstream();
        proxy = StatsProxy.start(GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl()).openaiBaseUrl(upstream.baseUrl())
                .maxRetries(0).maxBodyBytes(MAX_BODY).connectTimeout(Duration.ofSeconds(2)).build());
        history = proxy.history;
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return proxy.http.post("/v1/messages", body, "x-api-key", "sk-ant-test", "anthropic-version", "2023-06-01",
                "content-type", "application/json");
    }

    private String get(String path) throws Exception {
        return proxy.http.body(path);
    }

    private static String bigOutput() {
        return "FATAL first line of the build\n" + "compiling module step ok\n".repeat(300);
    }

    @Test
    void theProxysOwnRefusalsAreCountedAsFailed() throws Exception {
        HttpResponse<String> malformed = post("{\"model\":\"claude-sonnet-4-5\",\"messages\":[");
        assertThat(malformed.statusCode()).isEqualTo(400);
        HttpResponse<String> oversized = post("{\"model\":\"claude-sonnet-4-5\",\"pad\":\"" + "x".repeat(MAX_BODY) + "\"}");
        assertThat(oversized.statusCode()).isEqualTo(413);
        assertThat(oversized.body()).contains("request_too_large");
        assertThat(proxy.recorded.await(2)).as("two records").isTrue();
        assertThat(upstream.received).isEmpty();

        JsonNode s = JsonCodec.parse(get("/stats"));
        assertThat(s.at("/requests/total").asLong()).isEqualTo(2);
        assertThat(s.at("/requests/failed").asLong()).isEqualTo(2);
        assertThat(s.at("/requests/by_provider/anthropic").asLong()).isEqualTo(2);
        assertThat(s.at("/tokens/saved").asLong()).isZero();
        assertThat(s.at("/recent/0/status").asInt()).isEqualTo(413);
        assertThat(s.at("/recent/1/status").asInt()).isEqualTo(400);

        PrometheusText m = PrometheusText.parse(get("/metrics"));
        assertThat(m.sum("headroom_requests_total")).isEqualTo(2);
        assertThat(m.sum("headroom_requests_failed_total", Map.of("provider", "anthropic"))).isEqualTo(2);
        assertThat(history.lifetime().failed()).isEqualTo(2);
    }

    @Test
    void aChunkedBodyReachesTheUpstreamWhole() throws Exception {
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200,
                "{\"id\":\"msg_1\",\"type\":\"message\",\"usage\":{\"input_tokens\":5,\"output_tokens\":7}}"));
        byte[] body = ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "why is the build red? ".repeat(300) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = chunked(body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(upstream.last().body()).isEqualTo(body);
    }

    @Test
    void aChunkedBodyOverTwiceTheLimitIsRefusedAndNotForwarded() throws Exception {
        byte[] body = ("{\"model\":\"claude-sonnet-4-5\",\"pad\":\"" + "x".repeat(3 * MAX_BODY) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = chunked(body);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(upstream.received).isEmpty();
    }

    /** Posts {@code body} without a Content-Length: the JDK client sends a stream of unknown length chunked. */
    private HttpResponse<String> chunked(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(proxy.http.url("/v1/messages"))
                .header("x-api-key", "sk-ant-test").header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        return proxy.http.client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestWhoseUpstreamFailedSavesNothingAnywhere() throws Exception {
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 500,
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"upstream broke\"}}"));
        HttpResponse<String> failed = post(ProxyIT.anthropicRequest(bigOutput(), false));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(proxy.recorded.await(1)).isTrue();
        assertThat(upstream.received).hasSize(1);
        assertThat(upstream.last().body().length).as("compression did happen").isLessThan(bigOutput().length());

        JsonNode s = JsonCodec.parse(get("/stats"));
        assertThat(s.at("/requests/failed").asLong()).isEqualTo(1);
        assertThat(s.at("/requests/compressed").asLong()).isEqualTo(1);
        assertThat(s.at("/tokens/saved").asLong()).isZero();
        assertThat(s.at("/compressors/keep-head/tokens_saved").asLong()).isZero();
        assertThat(s.at("/cost/saved").decimalValue()).isZero();
        PrometheusText m = PrometheusText.parse(get("/metrics"));
        assertThat(m.sum("headroom_tokens_saved_total")).isZero();
        assertThat(m.sum("headroom_compressor_tokens_saved_total")).isZero();
        assertThat(m.sum("headroom_cost_saved_usd_total")).isZero();
        assertThat(history.lifetime().tokensSaved()).isZero();
        assertThat(history.lifetime().costSavedNanos()).isZero();

        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200,
                "{\"id\":\"msg_1\",\"type\":\"message\",\"usage\":{\"input_tokens\":120,\"output_tokens\":30}}"));
        HttpResponse<String> answered = post(ProxyIT.anthropicRequest(bigOutput(), false));
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(proxy.recorded.await(1)).isTrue();
        long saved = Long.parseLong(answered.headers().firstValue("x-headroom-tokens-before").orElseThrow())
                - Long.parseLong(answered.headers().firstValue("x-headroom-tokens-after").orElseThrow());
        assertThat(saved).isPositive();

        s = JsonCodec.parse(get("/stats"));
        assertThat(s.at("/tokens/saved").asLong()).isEqualTo(saved);
        assertThat(s.at("/compressors/keep-head/tokens_saved").asLong()).isEqualTo(saved);
        m = PrometheusText.parse(get("/metrics"));
        assertThat(m.sum("headroom_tokens_saved_total")).isEqualTo(saved);
        assertThat(m.sum("headroom_compressor_tokens_saved_total")).isEqualTo(saved);
        assertThat(m.sum("headroom_cost_saved_usd_total")).isCloseTo(s.at("/cost/saved").asDouble(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(history.lifetime().tokensSaved()).isEqualTo(saved);
        assertThat(history.lifetime().costSavedNanos()).isPositive();
    }
}
