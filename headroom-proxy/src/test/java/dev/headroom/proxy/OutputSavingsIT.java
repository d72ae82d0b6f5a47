package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.shaper.OutputShaper;
import dev.headroom.shaper.OutputShaperSettings;
import dev.headroom.spi.StatsSink;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.stats.InMemorySavingsHistory;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The output shaper's measured saving on the proxy's surfaces, with the proxy mounted in a host Javalin app: a
 * half holdout over 120 one-turn conversations against an upstream that answers 200 tokens shorter when the
 * verbosity instruction reached it; {@code /stats output_savings}, the {@code /metrics} gauges and the dashboard
 * card (in a real headless Chromium) show the same figures.
 */
@Timeout(180)
class OutputSavingsIT {
    private static final Pattern TASK = Pattern.compile("task (\\d+)");
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final RecordLatch recorded = new RecordLatch();
    private RecordingUpstream upstream;
    private SavingsHistory history;
    private Javalin app;

    @BeforeEach
    void start() throws Exception {
        upstream = new RecordingUpstream();
        upstream.respondWith((ex, r) -> {
            String body = new String(r.body(), StandardCharsets.UTF_8);
            Matcher m = TASK.matcher(body);
            int task = m.find() ? Integer.parseInt(m.group(1)) : 0;
            long output = (body.contains(OutputShaper.instruction(2)) ? 300 : 500) + (task * 37L) % 41 - 20;
            RecordingUpstream.json(ex, 200, "{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],"
                    + "\"usage\":{\"input_tokens\":20,\"output_tokens\":" + output + "}}");
        });
        history = new InMemorySavingsHistory(Clock.systemUTC(), Duration.ofDays(365), r -> 0L);
        StatsAggregator stats = new StatsAggregator(PriceTable.builtIn());
        PrometheusStatsSink metrics = new PrometheusStatsSink(PriceTable.builtIn());
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl()).openaiBaseUrl(upstream.baseUrl())
                .maxRetries(0).outputShaper(OutputShaperSettings.on(2).withHoldout(0.5)).build();
        Gateway gateway = StatsProxy.gateway(config, new CompositeStatsSink(List.<StatsSink>of(stats, metrics, history, recorded)));
        app = Javalin.create(c -> {
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            c.startup.showJavalinBanner = false;
            c.registerPlugin(new HeadroomProxyPlugin(p -> {
                p.gateway = gateway;
                p.history = history;
                p.stats = stats;
                p.metrics = metrics;
            }));
        }).start();
    }

    @AfterEach
    void stop() {
        app.stop();
        upstream.close();
        history.close();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private String get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void statsMetricsAndDashboardShowTheMeasuredSavingWithItsBand() throws Exception {
        int conversations = 120;
        for (int i = 0; i < conversations; i++) {
            String body = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"task " + i + "\"}]}";
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(url("/v1/messages")).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(recorded.await(conversations)).isTrue();

        JsonNode stats = JsonCodec.parse(get("/stats"));
        JsonNode o = stats.path("output_savings");
        long control = o.at("/control/turns").asLong();
        assertThat(control + o.at("/treatment/turns").asLong()).isEqualTo(conversations);
        assertThat(control).isBetween(40L, 80L);
        assertThat(stats.at("/reasons/output_shaper:holdout:control").asLong()).isEqualTo(control);
        assertThat(o.path("status").asText()).isEqualTo("measured");
        assertThat(o.path("ci95_low").asDouble()).isLessThanOrEqualTo(200).isGreaterThan(180);
        assertThat(o.path("ci95_high").asDouble()).isGreaterThanOrEqualTo(200).isLessThan(220);
        assertThat(o.at("/strata/0/model_family").asText()).isEqualTo("claude-haiku");
        assertThat(o.at("/strata/0/turn_kind").asText()).isEqualTo("question");

        PrometheusText metrics = PrometheusText.parse(get("/metrics"));
        assertThat(metrics.types).containsEntry("headroom_output_tokens_saved_per_turn", "gauge");
        assertThat(value(metrics, "headroom_output_tokens_saved_per_turn", null)).isEqualTo(o.path("saved_tokens_per_turn").asDouble(),
                org.assertj.core.data.Offset.offset(0.005));
        assertThat(value(metrics, "headroom_output_tokens_saved_per_turn_ci95_low", null)).isEqualTo(o.path("ci95_low").asDouble(),
                org.assertj.core.data.Offset.offset(0.005));
        assertThat(value(metrics, "headroom_output_holdout_turns", "control")).isEqualTo(control);
        assertThat(value(metrics, "headroom_output_savings_measured", null)).isEqualTo(1.0);

        // the lifetime tally lives in the history: POST /stats/reset clears /stats, not the measurement
        client.send(HttpRequest.newBuilder(url("/stats/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JsonCodec.parse(get("/stats")).path("output_savings")).isEqualTo(o);

        HeadlessChromium.Page page = HeadlessChromium.load(url("/dashboard"));
        assertThat(page.console()).isEmpty();
        DomText dom = new DomText(page.dom());
        assertThat(dom.attribute("output-card", "hidden")).as("the output card shows").isNull();
        assertThat(dom.attribute("output-card", "data-state")).isEqualTo("measured");
        assertThat(new BigDecimal(dom.value("output-saved"))).isEqualByComparingTo(o.path("saved_tokens_per_turn").decimalValue());
        assertThat(dom.text("output-saved")).isEqualTo(String.format(Locale.US, "%,d", Math.round(o.path("saved_tokens_per_turn").asDouble())));
        assertThat(new BigDecimal(dom.value("output-low"))).isEqualByComparingTo(o.path("ci95_low").decimalValue());
        assertThat(new BigDecimal(dom.value("output-high"))).isEqualByComparingTo(o.path("ci95_high").decimalValue());
        assertThat(new BigDecimal(dom.value("output-percent"))).isEqualByComparingTo(o.path("saved_percent").decimalValue());
        assertThat(dom.text("output-status")).isEqualTo("measured");
        assertThat(dom.value("output-control")).isEqualTo(Long.toString(control));
    }

    private static double value(PrometheusText metrics, String name, String arm) {
        return metrics.samples.stream().filter(s -> s.name().equals(name) && (arm == null || arm.equals(s.labels().get("arm"))))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + name)).value();
    }
}
