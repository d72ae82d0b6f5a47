package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.stats.JsonLinesRequestLog;
import dev.headroom.stats.LifetimeSavings;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Real traffic through the proxy to an in-test upstream that reports usage; then /stats, /metrics and the log. */
@Timeout(60)
class StatsIT {
    private static final String PLANTED_KEY = "sk-ant-api03-PLANTED-9f8e7d6c5b4a";
    private static final String PLANTED_BEARER = "sk-proj-PLANTED-BEARER-1a2b3c";

    @TempDir
    Path dir;
    private RecordingUpstream upstream;
    private StatsProxy proxy;
    private JsonLinesRequestLog log;
    private ProxyClient http;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        upstream = new RecordingUpstream();
        log = new JsonLinesRequestLog(dir.resolve("requests.jsonl"));
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl()).openaiBaseUrl(upstream.baseUrl())
                .maxRetries(0).connectTimeout(Duration.ofSeconds(2)).build();
        LifetimeSavings lifetime = () -> Optional.of(new LifetimeSavings.Totals(Instant.parse("2025-01-01T00:00:00Z"), 7, 70, 700));
        proxy = StatsProxy.builder(config).sink(log).plugin(c -> c.lifetimeSavings = lifetime).start();
        http = proxy.http;
        client = http.client;
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
        log.close();
    }

    private URI url(String path) {
        return http.url(path);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.post(path, body, "x-api-key", PLANTED_KEY, "Authorization", "Bearer " + PLANTED_BEARER,
                "anthropic-version", "2023-06-01", "content-type", "application/json");
    }

    private String get(String path) throws Exception {
        return http.body(path);
    }

    private static String bigOutput() {
        return "FATAL first line of the build\n" + "compiling module step ok\n".repeat(300);
    }

    private static String openAiRequest(String toolOutput) {
        return "{\"model\":\"gpt-4o-2024-08-06\",\"messages\":[{\"role\":\"user\",\"content\":\"what failed?\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"bash\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":"
                + JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(toolOutput)) + "}]}";
    }

    /** Sends the traffic; returns tokens saved as the proxy's response headers reported them. */
    private long sendTraffic() throws Exception {
        long saved = 0;
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200, "{\"id\":\"msg_1\",\"type\":\"message\",\"usage\":"
                + "{\"input_tokens\":120,\"output_tokens\":30,\"cache_read_input_tokens\":10,\"cache_creation_input_tokens\":5}}"));
        HttpResponse<String> whole = post("/v1/messages", ProxyIT.anthropicRequest(bigOutput(), false));
        assertThat(whole.statusCode()).isEqualTo(200);
        saved += savedFrom(whole);

        upstream.respondWith((ex, r) -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write(("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_2\",\"usage\":"
                    + "{\"input_tokens\":80,\"output_tokens\":1}}}\n\n"
                    + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"ok\"}}\n\n"
                    + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":12}}\n\n"
                    + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n").getBytes(StandardCharsets.UTF_8));
        });
        HttpResponse<String> stream = post("/v1/messages", ProxyIT.anthropicRequest(bigOutput(), true));
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).contains("message_stop");
        saved += savedFrom(stream);

        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200, "{\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":"
                + "{\"prompt_tokens\":200,\"completion_tokens\":40,\"prompt_tokens_details\":{\"cached_tokens\":50}}}"));
        HttpResponse<String> chat = post("/v1/chat/completions", openAiRequest(bigOutput()));
        assertThat(chat.statusCode()).isEqualTo(200);
        saved += savedFrom(chat);

        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 400,
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}"));
        assertThat(post("/v1/messages", ProxyIT.anthropicRequest("short", false)).statusCode()).isEqualTo(400);

        assertThat(proxy.recorded.await(4)).as("four records").isTrue();
        return saved;
    }

    private static long savedFrom(HttpResponse<String> r) {
        long before = Long.parseLong(r.headers().firstValue("x-headroom-tokens-before").orElseThrow());
        long after = Long.parseLong(r.headers().firstValue("x-headroom-tokens-after").orElseThrow());
        assertThat(after).isLessThan(before);
        return before - after;
    }

    @Test
    void statsAndMetricsAgreeWithEachOtherAndWithTheUpstreamsUsage() throws Exception {
        long saved = sendTraffic();
        JsonNode s = JsonCodec.parse(get("/stats"));
        assertThat(s.at("/requests/total").asLong()).isEqualTo(4);
        assertThat(s.at("/requests/compressed").asLong()).isEqualTo(3);
        assertThat(s.at("/requests/failed").asLong()).isEqualTo(1);
        assertThat(s.at("/requests/by_provider/anthropic").asLong()).isEqualTo(3);
        assertThat(s.at("/requests/by_provider/openai").asLong()).isEqualTo(1);
        assertThat(s.at("/requests/by_model/gpt-4o-2024-08-06").asLong()).isEqualTo(1);
        // usage as the upstream reported it: 120 + 80 + (200 − 50 cached) input, 30 + 12 + 40 output
        assertThat(s.at("/tokens/input").asLong()).isEqualTo(350);
        assertThat(s.at("/tokens/output").asLong()).isEqualTo(82);
        assertThat(s.at("/tokens/cache_read").asLong()).isEqualTo(60);
        assertThat(s.at("/tokens/cache_write").asLong()).isEqualTo(5);
        assertThat(s.at("/tokens/saved").asLong()).isEqualTo(saved);
        assertThat(s.at("/compressors/keep-head/compressions").asLong()).isEqualTo(3);
        assertThat(s.at("/compressors/keep-head/tokens_saved").asLong()).isEqualTo(saved);
        assertThat(s.at("/latency_ms/total/count").asLong()).isEqualTo(4);
        assertThat(s.at("/latency_ms/ttfb/count").asLong()).isEqualTo(4);
        assertThat(s.at("/recent")).hasSize(4);
        assertThat(s.at("/recent/0/status").asInt()).isEqualTo(400);
        assertThat(s.at("/cost/unpriced_models")).isEmpty();
        assertThat(s.at("/cost/saved").decimalValue()).isPositive();
        assertThat(s.at("/persistent_savings/requests").asLong()).isEqualTo(7);

        HttpResponse<String> scrape = client.send(HttpRequest.newBuilder(url("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        PrometheusText m = PrometheusText.parse(scrape.body());
        assertThat(m.types).containsEntry("headroom_request_latency_seconds", "histogram");
        assertThat(m.sum("headroom_requests_total")).isEqualTo(4);
        assertThat(m.sum("headroom_requests_total", Map.of("provider", "anthropic"))).isEqualTo(3);
        assertThat(m.sum("headroom_requests_failed_total")).isEqualTo(1);
        assertThat(m.sum("headroom_input_tokens_total")).isEqualTo(s.at("/tokens/input").asLong());
        assertThat(m.sum("headroom_output_tokens_total")).isEqualTo(s.at("/tokens/output").asLong());
        assertThat(m.sum("headroom_cache_read_tokens_total")).isEqualTo(s.at("/tokens/cache_read").asLong());
        assertThat(m.sum("headroom_tokens_saved_total")).isEqualTo(saved);
        assertThat(m.sum("headroom_compressions_total", Map.of("compressor", "keep-head"))).isEqualTo(3);
        assertThat(m.sum("headroom_compressor_tokens_saved_total", Map.of("compressor", "keep-head"))).isEqualTo(saved);
        assertThat(m.sum("headroom_cost_usd_total")).isCloseTo(s.at("/cost/with_headroom").asDouble(), within(1e-6));
        assertThat(m.sum("headroom_cost_saved_usd_total")).isCloseTo(s.at("/cost/saved").asDouble(), within(1e-6));
        assertThat(m.sum("headroom_request_latency_seconds_count")).isEqualTo(4);
        assertThat(m.sum("headroom_request_latency_seconds_bucket", Map.of("le", "+Inf"))).isEqualTo(4);
        assertThat(m.sum("headroom_overhead_seconds_count")).isEqualTo(4);
        assertThat(m.sum("headroom_compression_ratio_count")).as("every request that was counted, compressed or not").isEqualTo(4);
        assertThat(m.sum("headroom_compression_ratio_bucket", Map.of("le", "0.95"))).isEqualTo(3);
        assertThat(m.sum("headroom_request_latency_seconds_sum") * 1000)
                .isCloseTo(s.at("/latency_ms/total/avg").asDouble() * 4, within(0.1));
        assertThat(m.labelNames()).containsExactlyInAnyOrder("compressor", "le", "model", "provider");
        assertThat(scrape.body()).doesNotContain(PLANTED_KEY).doesNotContain(PLANTED_BEARER);
    }

    @Test
    void metricsInTheProtobufFormatParseWithTheLibrarysOwnClassesAndAgreeWithStatsAndTheTextFormat() throws Exception {
        long saved = sendTraffic();
        JsonNode s = JsonCodec.parse(get("/stats"));
        PrometheusText text = PrometheusText.parse(get("/metrics"));
        HttpResponse<byte[]> scrape = client.send(HttpRequest.newBuilder(url("/metrics"))
                .header("Accept", PrometheusProtobuf.CONTENT_TYPE + ";q=0.7,text/plain;version=0.0.4;q=0.3,*/*;q=0.1").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("content-type").orElse("")).isEqualTo(PrometheusProtobuf.CONTENT_TYPE);
        PrometheusProtobuf m = PrometheusProtobuf.parse(scrape.body());
        assertThat(m.type("headroom_requests_total")).isEqualTo(Metrics.MetricType.COUNTER);
        assertThat(m.type("headroom_request_latency_seconds")).isEqualTo(Metrics.MetricType.HISTOGRAM);
        assertThat(m.counter("headroom_requests_total")).isEqualTo(4).isEqualTo(text.sum("headroom_requests_total"));
        assertThat(m.counter("headroom_requests_total", Map.of("provider", "anthropic"))).isEqualTo(3);
        assertThat(m.counter("headroom_requests_failed_total")).isEqualTo(s.at("/requests/failed").asLong());
        assertThat(m.counter("headroom_input_tokens_total")).isEqualTo(s.at("/tokens/input").asLong())
                .isEqualTo(text.sum("headroom_input_tokens_total"));
        assertThat(m.counter("headroom_output_tokens_total")).isEqualTo(s.at("/tokens/output").asLong())
                .isEqualTo(text.sum("headroom_output_tokens_total"));
        assertThat(m.counter("headroom_cache_read_tokens_total")).isEqualTo(s.at("/tokens/cache_read").asLong());
        assertThat(m.counter("headroom_tokens_saved_total")).isEqualTo(saved).isEqualTo(s.at("/tokens/saved").asLong());
        assertThat(m.counter("headroom_compressor_tokens_saved_total", Map.of("compressor", "keep-head"))).isEqualTo(saved);
        assertThat(m.counter("headroom_cost_usd_total")).isCloseTo(s.at("/cost/with_headroom").asDouble(), within(1e-6));
        assertThat(m.histogramCount("headroom_request_latency_seconds", Map.of()))
                .isEqualTo(s.at("/latency_ms/total/count").asLong());
        assertThat(m.histogramSum("headroom_request_latency_seconds"))
                .isCloseTo(text.sum("headroom_request_latency_seconds_sum"), within(1e-9));
        assertThat(m.histogramBucket("headroom_compression_ratio", 0.95))
                .isEqualTo((long) text.sum("headroom_compression_ratio_bucket", Map.of("le", "0.95")));
        assertThat(m.families.keySet()).as("the same families as the text format").containsExactlyInAnyOrderElementsOf(text.types.keySet());
    }

    @Test
    void requestLogHasOneLinePerRequestAndNeverTheApiKey() throws Exception {
        sendTraffic();
        String text = Files.readString(dir.resolve("requests.jsonl"));
        assertThat(text).doesNotContain(PLANTED_KEY).doesNotContain(PLANTED_BEARER).doesNotContain("PLANTED")
                .doesNotContainIgnoringCase("authorization").doesNotContain("x-api-key");
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(4);
        JsonNode first = JsonCodec.parse(lines.get(0));
        assertThat(first.path("provider").asText()).isEqualTo("anthropic");
        assertThat(first.path("output_tokens").asLong()).isEqualTo(30);
        assertThat(first.path("transforms").get(0).asText()).startsWith("keep-head");
        assertThat(JsonCodec.parse(lines.get(3)).path("status").asInt()).isEqualTo(400);
        assertThat(get("/stats")).doesNotContain("PLANTED");
    }

    @Test
    void resetFromLoopbackClearsStatsButNotTheCounters() throws Exception {
        sendTraffic();
        HttpResponse<String> reset = client.send(HttpRequest.newBuilder(url("/stats/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reset.statusCode()).isEqualTo(200);
        JsonNode s = JsonCodec.parse(get("/stats"));
        assertThat(s.at("/requests/total").asLong()).isZero();
        assertThat(s.at("/recent")).isEmpty();
        assertThat(PrometheusText.parse(get("/metrics")).sum("headroom_requests_total")).isEqualTo(4);
    }

    @Test
    void resetIsRefusedWhenTheHostHeaderIsNotLoopback() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /stats/reset HTTP/1.1\r\nHost: attacker.example:80\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 403");
        }
    }
}
