package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Stats under concurrency, end to end: 50 client threads send 1,000 requests (Anthropic and OpenAI, streamed
 * and whole, a third of them with a big tool output to compress) through a real proxy to a real upstream that
 * reports usage derived from each request. Then {@code /stats}, {@code /metrics} (text and protobuf) and
 * {@code /stats-history} (JSON and CSV) must give exact totals, equal to each other, to the usage the upstream
 * reported and to the savings the proxy's response headers reported.
 *
 * <p>The rate limiter and the response cache keep their defaults (on), as a user runs the proxy: each client
 * thread has its own API key (20 requests each, far below the per-key limits) and every body is distinct, so
 * every request reaches the upstream and none is refused or replayed, which the test checks.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsUnderLoadIT {
    private static final int REQUESTS = 1_000;
    private static final int THREADS = 50;
    private static final Instant NOW = Instant.parse("2025-06-02T09:15:00Z");
    private static final Pattern ID = Pattern.compile("request #(\\d+)\\b");
    /** By {@code id % 4}: Anthropic whole, OpenAI, Anthropic streamed, OpenAI. */
    private static final String[] MODELS = {"claude-sonnet-4-5", "gpt-4o", "claude-haiku-4-5", "gpt-4o-mini"};

    /** The usage the upstream reports for request {@code id}; cache writes only on Anthropic. */
    record Reported(int id, long input, long output, long cacheRead, long cacheWrite) {
        static Reported of(int id) {
            return new Reported(id, 100 + id, 1 + id % 50, id % 7, anthropic(id) ? id % 3 : 0);
        }
    }

    private final Queue<Reported> reported = new ConcurrentLinkedQueue<>();
    private RecordingUpstream upstream;
    private StatsProxy proxy;
    private ProxyClient http;
    /** Tokens saved, summed over the responses' {@code x-headroom-tokens-before/after} headers. */
    private long saved;
    private int compressed;
    private JsonNode stats;

    @BeforeAll
    void sendTrafficFromFiftyThreads() throws Exception {
        upstream = new RecordingUpstream();
        upstream.respondWith((ex, r) -> answer(ex, new String(r.body(), StandardCharsets.UTF_8)));
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl()).openaiBaseUrl(upstream.baseUrl())
                .maxRetries(0).connectTimeout(Duration.ofSeconds(5)).build();
        proxy = StatsProxy.builder(config).historyClock(Clock.fixed(NOW, ZoneOffset.UTC)).start();
        http = proxy.http;

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> threads = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(pool.submit(() -> {
                    go.await();
                    long[] savedAndCompressed = new long[2];
                    for (int id = thread; id < REQUESTS; id += THREADS) {
                        long s = send(id, "sk-load-key-" + thread);
                        savedAndCompressed[0] += s;
                        savedAndCompressed[1] += s > 0 ? 1 : 0;
                    }
                    return savedAndCompressed;
                }));
            }
            go.countDown();
            for (Future<long[]> f : threads) {
                long[] r = f.get();
                saved += r[0];
                compressed += (int) r[1];
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(proxy.recorded.await(REQUESTS)).as("every request recorded by every sink").isTrue();
        stats = JsonCodec.parse(http.body("/stats"));
    }

    @AfterAll
    void stop() {
        proxy.close();
        upstream.close();
    }

    private static boolean anthropic(int id) {
        return id % 2 == 0;
    }

    private static String toolOutput(int id) {
        return id % 3 == 0 ? "build log " + id + "\n" + "compiling module step ok\n".repeat(300) : "ok " + id;
    }

    private static String text(String s) {
        return JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(s));
    }

    /** Sends request {@code id}; returns the tokens the proxy's headers say it saved (0 when it compressed nothing). */
    private long send(int id, String key) throws Exception {
        String question = text("request #" + id + ": what failed?");
        HttpResponse<String> r;
        if (anthropic(id)) {
            r = http.post("/v1/messages", "{\"model\":\"" + MODELS[id % 4] + "\",\"max_tokens\":100,"
                    + (id % 4 == 2 ? "\"stream\":true," : "") + "\"messages\":[{\"role\":\"user\",\"content\":" + question + "},"
                    + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Bash\",\"input\":{}}]},"
                    + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":"
                    + text(toolOutput(id)) + "}]}]}",
                    "x-api-key", key, "anthropic-version", "2023-06-01", "content-type", "application/json");
        } else {
            r = http.post("/v1/chat/completions", "{\"model\":\"" + MODELS[id % 4] + "\",\"messages\":["
                    + "{\"role\":\"user\",\"content\":" + question + "},"
                    + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"bash\",\"arguments\":\"{}\"}}]},"
                    + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":" + text(toolOutput(id)) + "}]}",
                    "authorization", "Bearer " + key, "content-type", "application/json");
        }
        assertThat(r.statusCode()).as("request %d: %s", id, r.body()).isEqualTo(200);
        assertThat(r.body()).as("request %d relayed its own answer", id).contains("_" + id + "\"");
        assertThat(r.headers().firstValue("x-headroom-cached")).isEmpty();
        if (r.headers().firstValue("x-headroom-tokens-before").isEmpty()) {
            return 0;
        }
        long s = Long.parseLong(r.headers().firstValue("x-headroom-tokens-before").get())
                - Long.parseLong(r.headers().firstValue("x-headroom-tokens-after").orElseThrow());
        assertThat(s).as("request %d saved tokens", id).isPositive();
        return s;
    }

    /** The upstream: usage derived from the request number in the body it received, in the provider's shape. */
    private void answer(HttpExchange ex, String body) throws IOException {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            RecordingUpstream.json(ex, 400, "{\"error\":{\"message\":\"no request number\"}}");
            return;
        }
        Reported u = Reported.of(Integer.parseInt(m.group(1)));
        reported.add(u);
        if (ex.getRequestURI().getPath().endsWith("/chat/completions")) {
            RecordingUpstream.json(ex, 200, "{\"id\":\"chatcmpl_" + u.id() + "\",\"object\":\"chat.completion\",\"choices\":[],"
                    + "\"usage\":{\"prompt_tokens\":" + (u.input() + u.cacheRead()) + ",\"completion_tokens\":" + u.output()
                    + ",\"prompt_tokens_details\":{\"cached_tokens\":" + u.cacheRead() + "}}}");
            return;
        }
        String usage = "\"input_tokens\":" + u.input() + ",\"cache_read_input_tokens\":" + u.cacheRead()
                + ",\"cache_creation_input_tokens\":" + u.cacheWrite();
        if (!body.contains("\"stream\":true")) {
            RecordingUpstream.json(ex, 200, "{\"id\":\"msg_" + u.id() + "\",\"type\":\"message\",\"content\":[],"
                    + "\"usage\":{" + usage + ",\"output_tokens\":" + u.output() + "}}");
            return;
        }
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        ex.getResponseBody().write(("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_" + u.id()
                + "\",\"usage\":{" + usage + ",\"output_tokens\":1}}}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                + "\"usage\":{\"output_tokens\":" + u.output() + "}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private long reportedSum(ToLongFunction<Reported> field) {
        return reported.stream().mapToLong(field).sum();
    }

    /** History keeps dollars to the nano-dollar, {@code /stats} shows them to six decimals. */
    private static BigDecimal asStatsRoundsIt(BigDecimal usd) {
        return usd.setScale(6, RoundingMode.HALF_UP);
    }

    private long stat(String pointer) {
        return stats.at(pointer).asLong();
    }

    @Test
    void statsCountEveryRequestAndSumTheUsageTheUpstreamReported() {
        assertThat(reported).extracting(Reported::id).as("each request reached the upstream once")
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, REQUESTS).boxed().toList());
        assertThat(compressed).as("every third request had a big tool output").isEqualTo(334);
        assertThat(stat("/requests/total")).isEqualTo(REQUESTS);
        assertThat(stat("/requests/compressed")).isEqualTo(compressed);
        assertThat(stat("/requests/failed")).isZero();
        assertThat(stat("/requests/cached")).isZero();
        assertThat(stat("/requests/rate_limited")).isZero();
        assertThat(stat("/requests/by_provider/anthropic")).isEqualTo(500);
        assertThat(stat("/requests/by_provider/openai")).isEqualTo(500);
        for (String model : MODELS) {
            assertThat(stat("/requests/by_model/" + model)).as(model).isEqualTo(250);
        }
        assertThat(stat("/tokens/input")).isEqualTo(reportedSum(Reported::input)).isEqualTo(599_500);
        assertThat(stat("/tokens/output")).isEqualTo(reportedSum(Reported::output));
        assertThat(stat("/tokens/cache_read")).isEqualTo(reportedSum(Reported::cacheRead));
        assertThat(stat("/tokens/cache_write")).isEqualTo(reportedSum(Reported::cacheWrite));
        assertThat(stat("/tokens/saved")).isEqualTo(saved).isPositive()
                .isEqualTo(stat("/tokens/before_compression") - stat("/tokens/after_compression"));
        assertThat(stat("/compressors/keep-head/tokens_saved")).isEqualTo(saved);
        assertThat(stat("/latency_ms/total/count")).isEqualTo(REQUESTS);
        assertThat(stats.at("/recent")).hasSize(10);
    }

    @Test
    void metricsInTextAndProtobufCarryTheSameTotalsAsStats() throws Exception {
        PrometheusText text = PrometheusText.parse(http.body("/metrics"));
        HttpResponse<byte[]> scrape = http.client.send(HttpRequest.newBuilder(http.url("/metrics"))
                .header("Accept", PrometheusProtobuf.CONTENT_TYPE).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(scrape.headers().firstValue("content-type")).contains(PrometheusProtobuf.CONTENT_TYPE);
        PrometheusProtobuf proto = PrometheusProtobuf.parse(scrape.body());

        Map<String, String> counters = Map.of("headroom_requests_total", "/requests/total",
                "headroom_requests_compressed_total", "/requests/compressed",
                "headroom_input_tokens_total", "/tokens/input", "headroom_output_tokens_total", "/tokens/output",
                "headroom_cache_read_tokens_total", "/tokens/cache_read", "headroom_cache_write_tokens_total", "/tokens/cache_write",
                "headroom_tokens_before_total", "/tokens/before_compression", "headroom_tokens_saved_total", "/tokens/saved",
                "headroom_compressor_tokens_saved_total", "/compressors/keep-head/tokens_saved");
        counters.forEach((family, pointer) -> {
            assertThat(text.sum(family)).as(family).isEqualTo(stat(pointer));
            assertThat(proto.counter(family)).as(family).isEqualTo(stat(pointer));
        });
        assertThat(text.sum("headroom_tokens_saved_total")).isEqualTo(saved);
        assertThat(text.sum("headroom_requests_failed_total")).isZero();
        for (String provider : List.of("anthropic", "openai")) {
            assertThat(text.sum("headroom_requests_total", Map.of("provider", provider))).isEqualTo(stat("/requests/by_provider/" + provider));
            assertThat(proto.counter("headroom_requests_total", Map.of("provider", provider))).isEqualTo(stat("/requests/by_provider/" + provider));
        }
        for (String model : MODELS) {
            assertThat(text.sum("headroom_requests_total", Map.of("model", model))).isEqualTo(stat("/requests/by_model/" + model));
            assertThat(proto.counter("headroom_requests_total", Map.of("model", model))).isEqualTo(stat("/requests/by_model/" + model));
        }
        assertThat(text.sum("headroom_request_latency_seconds_count")).isEqualTo(REQUESTS);
        assertThat(proto.histogramCount("headroom_request_latency_seconds", Map.of())).isEqualTo(REQUESTS);
        double cost = stats.at("/cost/with_headroom").asDouble();
        double costSaved = stats.at("/cost/saved").asDouble();
        assertThat(costSaved).isPositive();
        assertThat(text.sum("headroom_cost_usd_total")).isCloseTo(cost, within(1e-6));
        assertThat(proto.counter("headroom_cost_usd_total")).isCloseTo(cost, within(1e-6));
        assertThat(text.sum("headroom_cost_saved_usd_total")).isCloseTo(costSaved, within(1e-6));
        assertThat(proto.counter("headroom_cost_saved_usd_total")).isCloseTo(costSaved, within(1e-6));
    }

    @Test
    void historyJsonAndCsvCarryTheSameTotalsAsStats() throws Exception {
        JsonNode h = JsonCodec.parse(http.body("/stats-history"));
        JsonNode hour = h.at("/series/hourly/0");
        assertThat(h.at("/series/hourly")).as("every record in the clock's one hour").hasSize(1);
        assertThat(hour.path("period_start").asText()).isEqualTo("2025-06-02T09:00:00Z");
        for (JsonNode totals : List.of(h.get("lifetime"), hour, h.at("/series/daily/0"), h.at("/series/monthly/0"))) {
            assertThat(totals.path("requests").asLong()).isEqualTo(REQUESTS);
            assertThat(totals.path("failed").asLong()).isZero();
            assertThat(totals.path("tokens_before").asLong()).isEqualTo(stat("/tokens/before_compression"));
            assertThat(totals.path("tokens_after").asLong()).isEqualTo(stat("/tokens/after_compression"));
            assertThat(totals.path("tokens_saved").asLong()).isEqualTo(saved);
            assertThat(totals.path("output_tokens").asLong()).isEqualTo(stat("/tokens/output"));
            assertThat(asStatsRoundsIt(totals.path("cost_saved_usd").decimalValue())).isEqualByComparingTo(stats.at("/cost/saved").decimalValue());
        }
        assertThat(stats.at("/persistent_savings/tokens_saved").asLong()).isEqualTo(saved);

        List<String> csv = http.body("/stats-history?format=csv&series=daily").lines().toList();
        assertThat(csv).hasSize(2);
        String[] day = csv.get(1).split(",");
        assertThat(List.of(day).subList(0, 7)).containsExactly("2025-06-02T00:00:00Z", String.valueOf(REQUESTS), "0",
                String.valueOf(stat("/tokens/before_compression")), String.valueOf(stat("/tokens/after_compression")),
                String.valueOf(saved), String.valueOf(stat("/tokens/output")));
        assertThat(new BigDecimal(day[7])).isEqualByComparingTo(h.at("/lifetime/cost_saved_usd").decimalValue());
    }
}
