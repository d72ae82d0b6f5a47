package dev.headroom.memory;

import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSinkSettings;
import dev.headroom.spi.Usage;
import dev.headroom.stats.InMemorySavingsHistory;
import dev.headroom.stats.SavingsHistory;
import dev.headroom.stats.StatsSinks;
import dev.headroom.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQLite savings history is a stats sink found on the classpath, as a plugin's would be. */
class SqliteSavingsHistoryFactoryTest {
    private static final ClassLoader LOADER = SqliteSavingsHistoryFactoryTest.class.getClassLoader();

    @TempDir
    Path home;

    private StatsSinkSettings settings(boolean stateless) {
        return StatsSinkSettings.builder().home(home).clock(new MutableClock()).stateless(stateless)
                .historyRetention(Duration.ofDays(30)).build();
    }

    private static RequestRecord answered(String id) {
        return new RequestRecord(id, "anthropic", "claude-sonnet-4-5", 1000, 400, new Usage(400, 50, 0, 0), 200,
                10, 1, List.of(), Map.of(), false);
    }

    @Test
    void aHostThatMayWriteFilesKeepsItsHistoryInTheHomeDirectory() {
        try (StatsSinks sinks = StatsSinks.open(LOADER, settings(false))) {
            SavingsHistory history = sinks.find(SavingsHistory.class).orElseThrow();
            assertThat(history).isInstanceOf(SqliteSavingsHistory.class);
            assertThat(history.location()).isEqualTo(home.resolve("history.db").toAbsolutePath().toString());
            assertThat(history.retention()).isEqualTo(Duration.ofDays(30));
            sinks.composite().record(answered("hr-1"));
            sinks.composite().record(answered("hr-2"));
        }
        try (StatsSinks reopened = StatsSinks.open(LOADER, settings(false))) {
            assertThat(reopened.find(SavingsHistory.class).orElseThrow().lifetime().tokensSaved()).isEqualTo(1200);
        }
    }

    @Test
    void aStatelessHostGetsTheInMemoryHistoryAndNoFile() {
        try (StatsSinks sinks = StatsSinks.open(LOADER, settings(true))) {
            assertThat(sinks.sinks()).filteredOn(SavingsHistory.class::isInstance).singleElement()
                    .isInstanceOf(InMemorySavingsHistory.class);
        }
        assertThat(home).isEmptyDirectory();
    }
}
