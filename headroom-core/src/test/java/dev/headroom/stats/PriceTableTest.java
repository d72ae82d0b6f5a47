package dev.headroom.stats;

import dev.headroom.spi.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceTableTest {

    @Test
    void builtInTableNamesItsDateAndPricesCurrentClaudeAndOpenAiModels() {
        PriceTable table = PriceTable.builtIn();
        assertThat(table.asOf()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(table.note()).contains("list prices").contains("out of date");
        assertThat(table.price("claude-sonnet-4-5-20250929")).isPresent();
        assertThat(table.price("claude-haiku-4-5")).isPresent();
        assertThat(table.price("gpt-4o-mini").orElseThrow().input()).isLessThan(table.price("gpt-4o").orElseThrow().input());
        assertThat(table.price("gpt-5")).isPresent();
    }

    @Test
    void fileReplacesTheBuiltInTable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, "{\"as_of\":\"2030-01-01\",\"models\":{\"house-model\":{\"input\":1,\"output\":2}}}");
        PriceTable table = PriceTable.load(file);
        assertThat(table.asOf()).isEqualTo("2030-01-01");
        assertThat(table.price("claude-sonnet-4-5")).isEmpty();
        PriceTable.Cost cost = table.cost("house-model", new Usage(1_000_000, 500_000, 0, 0), 250_000);
        assertThat(PriceTable.Cost.usd(cost.withHeadroomNanos())).isEqualTo(2.0);
        assertThat(PriceTable.Cost.usd(cost.savedNanos())).isEqualTo(0.25);
    }

    @Test
    void malformedFileIsRejectedWithItsName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"models\":{\"m\":{\"input\":\"cheap\"}}}");
        assertThatThrownBy(() -> PriceTable.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("m");
    }
}
