package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.Headroom;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Budget;
import dev.headroom.gateway.BudgetPeriod;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.gateway.InMemoryBudgetLedger;
import dev.headroom.pipeline.KeepHeadCompressor;
import dev.headroom.stats.PriceTable;
import dev.headroom.stats.StatsAggregator;
import dev.headroom.testkit.MutableClock;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget between a real client and a real in-test upstream on loopback: once the day's spend (provider
 * usage at list prices) reaches the limit, every model route answers 429 without forwarding, until the next day.
 */
@Timeout(60)
class BudgetIT {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T18:00:00Z"));
    private final PriceTable prices = PriceTable.builtIn();
    private RecordingUpstream upstream;
    private ProxyServer proxy;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        upstream = new RecordingUpstream();
        upstream.respondWith((ex, r) -> {
            String body = new String(r.body(), StandardCharsets.UTF_8);
            if (r.method().equals("GET")) {
                RecordingUpstream.json(ex, 200, "{\"object\":\"list\",\"data\":[]}");
            } else if (body.contains("\"stream\":true")) { // a Chat Completions stream with usage in its last chunk
                ex.getResponseHeaders().add("Content-Type", "text/event-stream");
                ex.sendResponseHeaders(200, 0);
                ex.getResponseBody().write(("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n"
                        + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":2500,\"completion_tokens\":500}}\n\n"
                        + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            } else {
                RecordingUpstream.json(ex, 200, "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[],"
                        + "\"usage\":{\"input_tokens\":3000,\"output_tokens\":400}}");
            }
        });
        // 2 cents a day
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl()).openaiBaseUrl(upstream.baseUrl())
                .maxRetries(0).connectTimeout(Duration.ofSeconds(2)).clock(clock)
                .budget(new Budget.Settings(20_000_000L, BudgetPeriod.DAILY, prices, new InMemoryBudgetLedger())).build();
        StatsAggregator stats = new StatsAggregator(prices);
        gateway = new Gateway(Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor(3)).build(),
                config, Backends.discover(BudgetIT.class.getClassLoader()), stats);
        proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false, c -> c.stats = stats);
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        upstream.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json");
        b = path.startsWith("/v1/messages") ? b.header("x-api-key", "sk-ant-test").header("anthropic-version", "2023-06-01")
                : b.header("authorization", "Bearer sk-test");
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
                .header("authorization", "Bearer sk-test").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String claude(String text, boolean stream) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100," + (stream ? "\"stream\":true," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private static String gpt(String text, boolean stream) {
        return "{\"model\":\"gpt-4.1\"," + (stream ? "\"stream\":true,\"stream_options\":{\"include_usage\":true}," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    /** The spend once the proxy has charged {@code nanos}; a request is charged just after its answer completed. */
    private void awaitSpend(long nanos) throws InterruptedException {
        while (gateway.budget().status().orElseThrow().spentNanos() < nanos) {
            Thread.sleep(5);
        }
        assertThat(gateway.budget().status().orElseThrow().spentNanos()).isEqualTo(nanos);
    }

    private static JsonNode json(String text) {
        return JsonCodec.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(HttpResponse<String> r, String type, long retryAfter) {
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after")).contains(Long.toString(retryAfter));
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        assertThat(json(r.body()).at("/error/type").asText()).isEqualTo(type);
        assertThat(json(r.body()).at("/error/message").asText())
                .contains("daily budget of 0.02 USD", "0.024 USD spent", "resets at 2025-01-02T00:00:00Z");
    }

    @Test
    void requestsThatFindTheBudgetSpentGet429OnEveryModelRouteAndNeverReachTheUpstreamUntilTheNextDay() throws Exception {
        assertThat(post("/v1/messages", claude("first", false)).statusCode()).isEqualTo(200);
        awaitSpend(15_000_000L); // 3,000 × $3/M + 400 × $15/M
        HttpResponse<String> replay = post("/v1/messages", claude("first", false));
        assertThat(replay.headers().firstValue("x-headroom-cached")).as("a cached reply costs nothing").contains("true");
        HttpResponse<String> stream = post("/v1/chat/completions", gpt("second", true));
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).contains("[DONE]");
        awaitSpend(24_000_000L); // + 2,500 × $2/M + 500 × $8/M: over the limit
        int forwarded = upstream.received.size();
        assertThat(forwarded).isEqualTo(2);

        long sixHours = Duration.ofHours(6).toSeconds();
        HttpResponse<String> anthropic = post("/v1/messages", claude("third", false));
        assertRefused(anthropic, "rate_limit_error", sixHours);
        assertThat(json(anthropic.body()).path("type").asText()).isEqualTo("error");
        assertRefused(post("/v1/messages", claude("streamed", true)), "rate_limit_error", sixHours);
        assertRefused(post("/v1/messages", claude("first", false)), "rate_limit_error", sixHours);
        assertRefused(post("/v1/chat/completions", gpt("fourth", false)), "insufficient_quota", sixHours);
        assertRefused(post("/v1/chat/completions", gpt("fifth", true)), "insufficient_quota", sixHours);
        assertRefused(post("/v1/responses", "{\"model\":\"gpt-4.1\",\"input\":\"sixth\"}"), "insufficient_quota", sixHours);
        assertThat(upstream.received).as("nothing refused was forwarded").hasSize(forwarded);

        assertThat(get("/v1/models").statusCode()).as("listing models costs nothing").isEqualTo(200);
        assertThat(upstream.received).hasSize(forwarded + 1);
        JsonNode budget = json(get("/stats").body()).get("budget");
        assertThat(budget.toString()).isEqualTo("{\"limit_usd\":0.020000,\"period\":\"daily\","
                + "\"period_start\":\"2025-01-01T00:00:00Z\",\"spent_usd\":0.024000,\"remaining_usd\":0.000000,"
                + "\"resets_at\":\"2025-01-02T00:00:00Z\",\"exhausted\":true}");

        clock.set(Instant.parse("2025-01-02T00:00:00Z"));
        assertThat(post("/v1/messages", claude("a new day", false)).statusCode()).isEqualTo(200);
        assertThat(upstream.received).hasSize(forwarded + 2);
        awaitSpend(15_000_000L);
    }

    @Test
    void chargesAGzippedRequestThatBypassedCompression() throws Exception {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
            gz.write(claude("zipped", false).getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).header("content-type", "application/json")
                .header("content-encoding", "gzip").header("x-headroom-bypass", "true")
                .header("x-api-key", "sk-ant-test").header("anthropic-version", "2023-06-01").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        awaitSpend(15_000_000L); // priced by the model read from the decoded body
    }

    @Test
    void refusesPaidRoutesThePipelineDoesNotCompressOnceTheBudgetIsSpent() throws Exception {
        assertThat(post("/v1/messages", claude("first", false)).statusCode()).isEqualTo(200);
        assertThat(post("/v1/messages", claude("second", false)).statusCode()).isEqualTo(200);
        awaitSpend(30_000_000L);
        int forwarded = upstream.received.size();
        HttpResponse<String> embeddings = post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"hi\"}");
        assertThat(embeddings.statusCode()).isEqualTo(429);
        assertThat(json(embeddings.body()).at("/error/type").asText()).isEqualTo("insufficient_quota");
        assertThat(post("/v1/messages/count_tokens", claude("free", false)).statusCode()).as("counting is free").isEqualTo(200);
        assertThat(upstream.received).hasSize(forwarded + 1);
    }
}
