package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.gateway.Budget;
import dev.headroom.gateway.BudgetPeriod;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.gateway.InMemoryBudgetLedger;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.stats.InMemorySavingsHistory;
import dev.headroom.spi.StatsSink;
import dev.headroom.stats.PriceTable;
import dev.headroom.stats.SavingsHistory;
import dev.headroom.stats.StatsAggregator;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium, against the proxy mounted in a host Javalin app after real traffic
 * through an in-test upstream: {@code /stats} from the real {@link StatsAggregator} (built-in prices),
 * {@code /stats-history} and {@code persistent_savings} from the in-memory savings history, priced alike.
 */
@Timeout(180)
class DashboardIT {
    private static final String MODEL = "claude-sonnet-4-5";
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Released once per record, after every other sink has seen it. */
    private final RecordLatch recorded = new RecordLatch();
    private RecordingUpstream upstream;
    private SavingsHistory history;
    private Javalin app;

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = new RecordingUpstream();
        PriceTable prices = PriceTable.builtIn();
        history = new InMemorySavingsHistory(Clock.systemUTC(), Duration.ofDays(365), StatsProxy.pricing(prices));
    }

    /** Starts the host app; {@code stats} null leaves {@code /stats} to {@code fallbackStats}. */
    private void startProxy(StatsAggregator stats, String fallbackStats) {
        List<StatsSink> sinks = stats == null ? List.of(history, recorded) : List.of(history, stats, recorded);
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl()).openaiBaseUrl(upstream.baseUrl())
                .maxRetries(0).budget(new Budget.Settings(5_000_000_000L, BudgetPeriod.DAILY, PriceTable.builtIn(),
                        new InMemoryBudgetLedger())).build();
        Gateway gateway = StatsProxy.gateway(config, new CompositeStatsSink(sinks));
        app = Javalin.create(c -> {
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            c.startup.showJavalinBanner = false;
            c.registerPlugin(new HeadroomProxyPlugin(p -> {
                p.gateway = gateway;
                p.history = history;
                p.stats = stats;
            }));
            if (stats == null) {
                c.routes.get("/stats", ctx -> ctx.contentType("application/json").result(fallbackStats));
            }
        }).start();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
        upstream.close();
        history.close();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private void send(String toolResult) throws Exception {
        client.send(HttpRequest.newBuilder(url("/v1/messages")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ProxyIT.anthropicRequest(toolResult, false))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void sendTraffic() throws Exception {
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200,
                "{\"id\":\"msg_1\",\"type\":\"message\",\"usage\":{\"input_tokens\":120,\"output_tokens\":9}}"));
        String big = "FATAL first line of the build\n" + "compiling module step ok\n".repeat(300);
        send(big);
        send(big.replace("FATAL", "ERROR"));
        send("short");
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 400,
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}"));
        send("short again");
        // the gateway records a request just after its response completed
        assertThat(recorded.await(4)).as("four records").isTrue();
    }

    private JsonNode getJson(String path) throws Exception {
        return JsonCodec.parse(client.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void assertSameNumber(String shown, JsonNode expected) {
        assertThat(shown).as("data-value").isNotNull().isNotEmpty();
        assertThat(new BigDecimal(shown)).isEqualByComparingTo(expected.decimalValue());
    }

    @Test
    void pageShowsTheNumbersThatStatsAndHistoryReportWithoutConsoleMessages() throws Exception {
        startProxy(new StatsAggregator(PriceTable.builtIn()), null);
        sendTraffic();
        JsonNode s = getJson("/stats");
        // three answered requests of 120 input and 9 output tokens at $3 and $15 per million; charged just after the record
        for (int attempt = 0; attempt < 100 && !s.at("/budget/spent_usd").asText().equals("0.001485"); attempt++) {
            Thread.sleep(50);
            s = getJson("/stats");
        }
        assertThat(s.at("/budget/spent_usd").asText()).isEqualTo("0.001485");
        assertThat(s.at("/tokens/saved").asLong()).isPositive();
        assertThat(s.at("/cost/saved").decimalValue()).isPositive();
        JsonNode h = getJson("/stats-history?series=daily");

        HeadlessChromium.Page page = HeadlessChromium.load(url("/dashboard"));

        assertThat(page.console()).as("console output of the dashboard (it writes none itself)").isEmpty();
        // at 1280 px every table fits its card: none has to scroll sideways (no clipped Cost column)
        assertThat(page.dom().split("class=\"table-wrap\" data-scrolls=\"false\"", -1)).as("five tables measured").hasSize(6);
        assertThat(page.dom()).doesNotContain("class=\"table-wrap\" data-scrolls=\"true\"");
        DomText dom = new DomText(page.dom());
        assertThat(dom.attribute("status", "data-state")).as(dom.text("status")).isEqualTo("live");
        assertSameNumber(dom.value("tokens-saved"), s.at("/tokens/saved"));
        assertThat(dom.text("tokens-saved")).isEqualTo(String.format(java.util.Locale.US, "%,d", s.at("/tokens/saved").asLong()));
        assertSameNumber(dom.value("savings-percent"), s.at("/tokens/savings_percent"));
        assertSameNumber(dom.value("cost-saved"), s.at("/cost/saved"));
        assertSameNumber(dom.value("cost-with"), s.at("/cost/with_headroom"));
        assertSameNumber(dom.value("requests-total"), s.at("/requests/total"));
        assertThat(dom.text("requests-total")).isEqualTo("4");
        assertSameNumber(dom.value("requests-compressed"), s.at("/requests/compressed"));
        assertSameNumber(dom.value("requests-failed"), s.at("/requests/failed"));
        assertSameNumber(dom.value("lifetime-tokens-saved"), s.at("/persistent_savings/tokens_saved"));
        assertSameNumber(dom.value("lifetime-tokens-saved"), h.at("/lifetime/tokens_saved"));
        assertSameNumber(dom.value("lifetime-cost-saved"), s.at("/persistent_savings/cost_saved"));
        assertSameNumber(dom.value("lifetime-requests"), h.at("/lifetime/requests"));

        assertThat(dom.attribute("output-card", "hidden")).as("no holdout turns without the output shaper: no card").isEmpty();
        assertThat(dom.attribute("budget-card", "hidden")).as("the budget card shows").isNull();
        assertThat(dom.attribute("budget-card", "data-state")).isEqualTo("open");
        assertThat(dom.text("budget-period")).isEqualTo("daily");
        assertSameNumber(dom.value("budget-spent"), s.at("/budget/spent_usd"));
        assertThat(dom.text("budget-spent")).isEqualTo("$0.0015");
        assertSameNumber(dom.value("budget-limit"), s.at("/budget/limit_usd"));
        assertThat(dom.text("budget-limit")).isEqualTo("$5.00");
        assertSameNumber(dom.value("budget-remaining"), s.at("/budget/remaining_usd"));
        assertThat(dom.value("budget-resets")).isEqualTo(s.at("/budget/resets_at").asText());
        assertThat(dom.attribute("budget-exhausted", "hidden")).isEmpty();

        assertThat(Integer.parseInt(dom.attribute("chart", "data-bars"))).isEqualTo(h.at("/series/daily").size()).isPositive();
        long dailySaved = 0;
        for (JsonNode day : h.at("/series/daily")) {
            dailySaved += day.get("tokens_saved").asLong();
        }
        assertThat(Long.parseLong(dom.value("chart-total"))).isEqualTo(dailySaved).isEqualTo(s.at("/tokens/saved").asLong());

        List<String> model = dom.row("model", MODEL);
        assertThat(model).hasSize(5);
        assertThat(model.get(1)).isEqualTo("4");
        assertThat(model.get(2)).isEqualTo(String.format(java.util.Locale.US, "%,d", s.at("/cost/per_model/" + MODEL + "/tokens_saved").asLong()));
        List<String> compressor = dom.row("compressor", "keep-head");
        assertThat(compressor).containsExactly("keep-head", "2",
                String.format(java.util.Locale.US, "%,d", s.at("/compressors/keep-head/tokens_saved").asLong()));
        assertThat(dom.row("latency", "total").get(2)).isEqualTo(
                String.format(java.util.Locale.US, "%,.1f", s.at("/latency_ms/total/p50").asDouble()));
        assertThat(dom.rows("recent", "index")).isEqualTo(4);
        assertThat(dom.row("index", "0").get(2)).isEqualTo("400");
        assertThat(dom.row("index", "3").get(1)).isEqualTo(MODEL);
    }

    @Test
    void pageDegradesGracefullyWhenStatsHasOnlySomeFields() throws Exception {
        startProxy(null, "{\"requests\":{\"total\":5,\"by_model\":{\"gpt-4o\":5}},\"tokens\":{\"saved\":12345,"
                + "\"savings_percent\":41.5},\"cost\":{\"saved_usd\":1.25,\"by_model\":{\"gpt-4o\":{\"saved_usd\":1.25}}},"
                + "\"latency_ms\":{\"avg\":12.5,\"p50\":10,\"p99\":40},\"overhead_ms\":{\"p50\":1.5},"
                + "\"recent\":[{\"model\":\"gpt-4o\",\"tokens_before\":100,\"tokens_after\":60,\"status\":200}],"
                + "\"persistent_savings\":{}}");

        HeadlessChromium.Page page = HeadlessChromium.load(url("/dashboard"));

        assertThat(page.console()).isEmpty();
        DomText dom = new DomText(page.dom());
        assertThat(dom.text("tokens-saved")).isEqualTo("12,345");
        assertThat(dom.text("savings-percent")).isEqualTo("41.5%");
        assertThat(dom.text("cost-saved")).isEqualTo("$1.25");
        assertThat(dom.text("cost-with")).isEqualTo("—");
        assertThat(dom.text("requests-failed")).isEqualTo("—");
        assertThat(dom.text("lifetime-tokens-saved")).isEqualTo("0");
        assertThat(dom.row("model", "gpt-4o")).containsExactly("gpt-4o", "5", "—", "—", "$1.25");
        assertThat(dom.row("latency", "total")).containsExactly("Total", "12.5", "10.0", "40.0");
        assertThat(dom.row("latency", "overhead")).containsExactly("Headroom overhead", "—", "1.5", "—");
        assertThat(dom.row("index", "0")).containsExactly("—", "gpt-4o", "200", "100", "60", "40", "—");
        assertThat(dom.attribute("chart", "data-bars")).isEqualTo("0");
        assertThat(dom.attribute("budget-card", "hidden")).as("no budget in /stats: no card").isEmpty();
    }

    @Test
    void pageIsSelfContainedAndServedWithAStrictContentSecurityPolicy() throws Exception {
        startProxy(new StatsAggregator(PriceTable.builtIn()), null);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(url("/dashboard")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(r.headers().firstValue("content-security-policy")).contains(DashboardRoute.CONTENT_SECURITY_POLICY);
        String withoutSvgNamespace = r.body().replace("http://www.w3.org/2000/svg", "");
        assertThat(withoutSvgNamespace).doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn")
                .doesNotContain("<script src").doesNotContain("@import").doesNotContain("url(");
    }
}
