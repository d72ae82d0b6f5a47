package dev.headroom.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.Usage;
import dev.headroom.testkit.MutableClock;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryJsonTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-05-01T08:15:00Z"));
    private final InMemorySavingsHistory history = new InMemorySavingsHistory(clock, Duration.ofDays(365),
            r -> r.tokensSaved() * 3_000);

    private void request(long before, long after) {
        history.record(new RequestRecord("r", "openai", "gpt-4o", before, after, new Usage(after, 5, 0, 0), 200,
                1, 1, List.of(), Map.of(), false));
    }

    @Test
    void jsonHasFixedKeyOrderLifetimeAndEverySeries() {
        request(1000, 250);
        clock.advance(Duration.ofDays(1));
        request(400, 100);
        String json = HistoryJson.json(history, List.of(Series.values()), 0);
        assertThat(json).startsWith("{\"timezone\":\"UTC\",\"retention_days\":365,\"lifetime\":{\"since\":\"2025-05-01T08:15:00Z\","
                + "\"requests\":2,\"failed\":0,\"tokens_before\":1400,\"tokens_after\":350,\"tokens_saved\":1050,"
                + "\"output_tokens\":10,\"cost_saved_usd\":0.003150000},\"series\":{\"hourly\":[");
        JsonNode root = JsonCodec.parse(json);
        assertThat(root.get("series").fieldNames()).toIterable().containsExactly("hourly", "daily", "weekly", "monthly");
        assertThat(root.at("/series/daily/0/period_start").asText()).isEqualTo("2025-05-01T00:00:00Z");
        assertThat(root.at("/series/daily/1/tokens_saved").asLong()).isEqualTo(300);
        assertThat(root.at("/series/monthly/0/requests").asLong()).isEqualTo(2);
        assertThat(root.at("/series/weekly")).hasSize(1);
    }

    @Test
    void jsonOfOneSeriesHonoursThePeriodCount() {
        request(1000, 250);
        clock.advance(Duration.ofDays(1));
        request(400, 100);
        JsonNode root = JsonCodec.parse(HistoryJson.json(history, List.of(Series.DAILY), 1));
        assertThat(root.get("series").fieldNames()).toIterable().containsExactly("daily");
        assertThat(root.at("/series/daily")).hasSize(1);
    }

    @Test
    void csvHasAHeaderAndOneCrlfLinePerPeriodWithExactDollars() {
        request(1000, 250);
        clock.advance(Duration.ofDays(2));
        request(400, 100);
        assertThat(HistoryJson.csv(history, Series.DAILY, 0)).isEqualTo(HistoryJson.CSV_HEADER + "\r\n"
                + "2025-05-01T00:00:00Z,1,0,1000,250,750,5,0.002250000\r\n"
                + "2025-05-03T00:00:00Z,1,0,400,100,300,5,0.000900000\r\n");
    }

    @Test
    void emptyHistoryGivesNullSinceAndHeaderOnlyCsv() {
        assertThat(HistoryJson.lifetime(history.lifetime()).get("since").isNull()).isTrue();
        assertThat(HistoryJson.csv(history, Series.MONTHLY, 0)).isEqualTo(HistoryJson.CSV_HEADER + "\r\n");
    }

    @Test
    void csvWithoutLimitCoversTheWholeRetention() {
        request(10, 5);
        clock.advance(Duration.ofDays(364));
        request(10, 5);
        assertThat(HistoryJson.csv(history, Series.DAILY, 0).lines()).hasSize(3);
        assertThat(HistoryJson.csv(history, Series.HOURLY, 0).lines()).hasSize(3);
        assertThat(HistoryJson.csv(history, Series.WEEKLY, 0).lines()).hasSize(3);
        assertThat(HistoryJson.csv(history, Series.MONTHLY, 0).lines()).hasSize(3);
    }
}
