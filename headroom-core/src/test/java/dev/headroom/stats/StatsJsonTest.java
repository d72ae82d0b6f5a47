package dev.headroom.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.Usage;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StatsJsonTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private StatsAggregator aggregator() {
        StatsAggregator stats = new StatsAggregator(PriceTable.builtIn(), clock);
        stats.record(new RequestRecord("hr-1", "anthropic", "claude-sonnet-4-5", 1000, 400, new Usage(400, 50, 0, 0),
                200, 12.5, 2.25, List.of("json:table"), Map.of("too_small", 1), false, 8, Map.of("json:table", 600L)));
        return stats;
    }

    @Test
    void keysComeInAFixedOrderAndRenderingIsDeterministic() {
        StatsAggregator stats = aggregator();
        String first = StatsJson.render(stats.snapshot(), Optional.empty());
        assertThat(StatsJson.render(stats.snapshot(), Optional.empty())).isEqualTo(first);
        JsonNode json = JsonCodec.parse(first);
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("since", "requests", "tokens", "cost", "latency_ms", "compressors", "reasons", "recent");
        assertThat(json.at("/tokens/saved").asLong()).isEqualTo(600);
        assertThat(json.at("/tokens/savings_percent").asDouble()).isEqualTo(60.0);
        // 600 saved input tokens at $3 per million
        assertThat(json.at("/cost/saved").decimalValue()).isEqualByComparingTo("0.0018");
        assertThat(json.at("/compressors/json/tokens_saved").asLong()).isEqualTo(600);
        assertThat(json.at("/recent/0/id").asText()).isEqualTo("hr-1");
        assertThat(json.at("/latency_ms/overhead/avg").asDouble()).isEqualTo(2.25);
    }

    @Test
    void persistentSavingsAppearOnlyWhenKept() {
        StatsAggregator stats = aggregator();
        JsonNode json = JsonCodec.parse(StatsJson.render(stats.snapshot(), Optional.of(
                new LifetimeSavings.Totals(Instant.parse("2025-06-01T00:00:00Z"), 42, 9000, 27_000_000))));
        assertThat(json.at("/persistent_savings/requests").asLong()).isEqualTo(42);
        assertThat(json.at("/persistent_savings/cost_saved").decimalValue()).isEqualByComparingTo("0.027");
        assertThat(json.has("persistent_savings")).isTrue();
    }
}
