package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.Usage;
import dev.headroom.stats.InMemorySavingsHistory;
import dev.headroom.stats.SavingsHistory;
import dev.headroom.stats.HistoryJson;
import dev.headroom.testkit.MutableClock;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /stats-history} of the standalone proxy after real traffic through an in-test upstream. */
@Timeout(60)
class HistoryRoutesIT {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-02T09:15:00Z"));
    private RecordingUpstream upstream;
    private StatsProxy proxy;

    @BeforeEach
    void start() throws Exception {
        upstream = new RecordingUpstream();
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200,
                "{\"id\":\"msg_1\",\"type\":\"message\",\"usage\":{\"input_tokens\":50,\"output_tokens\":8}}"));
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl()).openaiBaseUrl(upstream.baseUrl()).build();
        proxy = StatsProxy.builder(config).historyClock(clock).historyPricing(r -> r.tokensSaved() * 3_000).start();
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return proxy.http.get(path);
    }

    /** Sends one request and returns the tokens it saved, as the proxy's headers report them. */
    private long send(String toolResult) throws Exception {
        HttpResponse<String> r = proxy.http.post("/v1/messages", ProxyIT.anthropicRequest(toolResult, false));
        assertThat(proxy.recorded.await(1)).as("request recorded").isTrue();
        return Long.parseLong(r.headers().firstValue("x-headroom-tokens-before").orElse("0"))
                - Long.parseLong(r.headers().firstValue("x-headroom-tokens-after").orElse("0"));
    }

    private static String big(int lines) {
        return "FATAL first line\n" + "compiling module step ok\n".repeat(lines);
    }

    @Test
    void jsonReportsLifetimeAndEverySeriesFromRealTraffic() throws Exception {
        long first = send(big(300));
        clock.advance(Duration.ofDays(1));
        long second = send(big(200));
        assertThat(first).isPositive();

        HttpResponse<String> r = get("/stats-history");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode root = JsonCodec.parse(r.body());
        assertThat(root.fieldNames()).toIterable().containsExactly("timezone", "retention_days", "lifetime", "series");
        assertThat(root.at("/lifetime/requests").asLong()).isEqualTo(2);
        assertThat(root.at("/lifetime/tokens_saved").asLong()).isEqualTo(first + second);
        assertThat(root.at("/lifetime/output_tokens").asLong()).isEqualTo(16);
        assertThat(root.at("/lifetime/cost_saved_usd").decimalValue()).isEqualByComparingTo(
                java.math.BigDecimal.valueOf((first + second) * 3_000, 9));
        assertThat(root.get("series").fieldNames()).toIterable().containsExactly("hourly", "daily", "weekly", "monthly");
        assertThat(root.at("/series/daily")).hasSize(2);
        assertThat(root.at("/series/daily/0/tokens_saved").asLong()).isEqualTo(first);
        assertThat(root.at("/series/daily/1/period_start").asText()).isEqualTo("2025-06-03T00:00:00Z");
        assertThat(root.at("/series/weekly/0/tokens_saved").asLong()).isEqualTo(first + second);
        assertThat(root.at("/series/monthly/0/requests").asLong()).isEqualTo(2);

        JsonNode oneDay = JsonCodec.parse(get("/stats-history?series=daily&periods=1").body());
        assertThat(oneDay.get("series").fieldNames()).toIterable().containsExactly("daily");
        assertThat(oneDay.at("/series/daily")).hasSize(1);
        assertThat(oneDay.at("/series/daily/0/tokens_saved").asLong()).isEqualTo(second);
    }

    @Test
    void csvIsATextCsvAttachmentWithOneLinePerPeriod() throws Exception {
        long first = send(big(300));
        clock.advance(Duration.ofDays(1));
        long second = send(big(250));

        HttpResponse<String> r = get("/stats-history?format=csv&series=daily");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(r.headers().firstValue("content-disposition"))
                .contains("attachment; filename=\"headroom-savings-daily.csv\"");
        List<String> lines = r.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(HistoryJson.CSV_HEADER);
        assertThat(lines.get(1)).startsWith("2025-06-02T00:00:00Z,1,0,").contains("," + first + ",8,");
        assertThat(lines.get(2)).startsWith("2025-06-03T00:00:00Z,1,0,").contains("," + second + ",8,");
        assertThat(r.body()).endsWith("\r\n");

        HttpResponse<String> monthly = get("/stats-history?format=CSV&series=monthly");
        assertThat(monthly.headers().firstValue("content-disposition")).hasValueSatisfying(v -> assertThat(v).contains("headroom-savings-monthly.csv"));
        assertThat(monthly.body().lines()).hasSize(2);
        assertThat(get("/stats-history?format=csv").headers().firstValue("content-disposition"))
                .hasValueSatisfying(v -> assertThat(v).contains("daily"));
    }

    @Test
    void badParametersGetA400NamingTheValidValues() throws Exception {
        HttpResponse<String> series = get("/stats-history?series=yearly");
        assertThat(series.statusCode()).isEqualTo(400);
        assertThat(JsonCodec.parse(series.body()).at("/error/message").asText()).contains("hourly, daily, weekly or monthly");
        HttpResponse<String> format = get("/stats-history?format=xml");
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(format.body()).contains("json or csv");
        assertThat(get("/stats-history?periods=0").statusCode()).isEqualTo(400);
        assertThat(get("/stats-history?periods=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void scopeFleetWithoutASharedHistoryOrAnUnknownScopeGetsA400NamingWhy() throws Exception {
        HttpResponse<String> fleet = get("/stats-history?scope=fleet");
        assertThat(fleet.statusCode()).isEqualTo(400);
        assertThat(JsonCodec.parse(fleet.body()).at("/error/message").asText()).contains("scope=fleet needs --store redis://");
        HttpResponse<String> csv = get("/stats-history?scope=fleet&format=csv");
        assertThat(csv.statusCode()).isEqualTo(400);
        assertThat(csv.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        HttpResponse<String> unknown = get("/stats-history?scope=galaxy");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JsonCodec.parse(unknown.body()).at("/error/message").asText()).contains("instance or fleet");
        assertThat(get("/stats-history?scope=instance").statusCode()).isEqualTo(200);
    }

    @Test
    void scopeFleetAnswersTheSharedHistoryAndTheDefaultScopeThisInstancesOwn() throws Exception {
        InMemorySavingsHistory fleet = new InMemorySavingsHistory(clock, SavingsHistory.DEFAULT_RETENTION, r -> 0L);
        fleet.record(new RequestRecord("elsewhere", "anthropic", "claude-sonnet-4-5", 900, 300,
                new Usage(300, 5, 0, 0), 200, 10, 1, List.of(), Map.of(), false)); // another instance's request
        RecordingUpstream other = new RecordingUpstream();
        other.respondWith((ex, r) -> RecordingUpstream.json(ex, 200,
                "{\"id\":\"msg_1\",\"type\":\"message\",\"usage\":{\"input_tokens\":50,\"output_tokens\":8}}"));
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(other.baseUrl()).openaiBaseUrl(other.baseUrl()).build();
        try (StatsProxy shared = StatsProxy.builder(config).historyClock(clock).sink(fleet).plugin(c -> c.fleetHistory = fleet).start()) {
            shared.http.post("/v1/messages", ProxyIT.anthropicRequest(big(300), false));
            assertThat(shared.recorded.await(1)).isTrue();

            JsonNode own = JsonCodec.parse(shared.http.get("/stats-history").body());
            JsonNode sum = JsonCodec.parse(shared.http.get("/stats-history?scope=FLEET&series=daily").body());
            assertThat(own.at("/lifetime/requests").asLong()).isEqualTo(1);
            assertThat(sum.at("/lifetime/requests").asLong()).isEqualTo(2);
            assertThat(sum.at("/series/daily/0/output_tokens").asLong()).isEqualTo(13);
            List<String> csv = shared.http.get("/stats-history?scope=fleet&format=csv").body().lines().toList();
            assertThat(csv).hasSize(2);
            assertThat(csv.get(1)).startsWith("2025-06-02T00:00:00Z,2,0,");
        } finally {
            other.close();
        }
    }

    @Test
    void emptyHistoryAnswersWithZeroTotalsAndEmptySeries() throws Exception {
        JsonNode root = JsonCodec.parse(get("/stats-history").body());
        assertThat(root.at("/lifetime/since").isNull()).isTrue();
        assertThat(root.at("/lifetime/requests").asLong()).isZero();
        assertThat(root.at("/series/hourly")).isEmpty();
    }
}
