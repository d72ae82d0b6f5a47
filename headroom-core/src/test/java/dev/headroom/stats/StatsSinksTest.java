package dev.headroom.stats;

import dev.headroom.spi.ProviderFailure;
import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;
import dev.headroom.spi.StatsSinkSettings;
import dev.headroom.spi.Usage;
import dev.headroom.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsSinksTest {
    @TempDir
    Path home;

    private static RequestRecord record(int i) {
        return new RequestRecord("hr-" + i, "anthropic", "claude-sonnet-4-5", 900, 300, new Usage(300, 40, 0, 0), 200,
                15, 2, List.of("log:digest"), Map.of(), false, 9, Map.of("log:digest", 600L));
    }

    private static ClassLoader plus(String resourceDir) {
        URL dir = StatsSinksTest.class.getResource(resourceDir);
        return new URLClassLoader(new URL[] {dir}, StatsSinksTest.class.getClassLoader());
    }

    private StatsSinkSettings.Builder settings() {
        return StatsSinkSettings.builder().home(home).clock(new MutableClock());
    }

    private static List<String> names(StatsSinks sinks) {
        return sinks.sinks().stream().map(StatsSink::name).toList();
    }

    @Test
    void theBuiltInAggregationIsFoundThroughItsFactory() {
        try (StatsSinks sinks = StatsSinks.open(StatsSinksTest.class.getClassLoader(), settings().build())) {
            assertThat(names(sinks)).containsExactly("stats");
            assertThat(sinks.find(StatsAggregator.class)).isPresent();
            assertThat(sinks.find(SavingsHistory.class)).as("a file-backed history lives in headroom-memory").isEmpty();
            assertThat(sinks.failures()).isEmpty();
        }
        assertThat(home).isEmptyDirectory();
    }

    @Test
    void aStatelessHostGetsAnInMemoryHistory() {
        try (StatsSinks sinks = StatsSinks.open(StatsSinksTest.class.getClassLoader(), settings().stateless(true).build())) {
            assertThat(names(sinks)).containsExactly("history", "stats");
            assertThat(sinks.find(SavingsHistory.class)).get().isInstanceOf(InMemorySavingsHistory.class);
            sinks.composite().record(record(1));
            assertThat(sinks.find(SavingsHistory.class).orElseThrow().lifetime().requests()).isEqualTo(1);
        }
    }

    @Test
    void theRequestLogIsCreatedOnlyWhenAFileIsSetAndClosedWithTheOthers() throws Exception {
        Path log = home.resolve("logs/requests.jsonl");
        StatsSinks sinks = StatsSinks.open(StatsSinksTest.class.getClassLoader(), settings().requestLog(log).build());
        assertThat(names(sinks)).containsExactly("request-log", "stats");
        sinks.composite().record(record(1));
        sinks.composite().record(record(2));
        sinks.close();
        assertThat(Files.readAllLines(log)).hasSize(2).allMatch(l -> l.startsWith("{\"id\":\"hr-"));
    }

    @Test
    void aSinkListedDirectlyAsAProviderReceivesEveryRecordInNameOrder() {
        try (StatsSinks sinks = StatsSinks.open(plus("/discovery/sinks/"), settings().stateless(true).build())) {
            assertThat(names(sinks)).containsExactly("counting", "history", "stats");
            for (int i = 1; i <= 3; i++) {
                sinks.composite().record(record(i));
            }
            assertThat(sinks.find(CountingSink.class).orElseThrow().ids()).containsExactly("hr-1", "hr-2", "hr-3");
            assertThat(sinks.find(StatsAggregator.class).orElseThrow().snapshot().requests().total()).isEqualTo(3);
        }
    }

    @Test
    void aFactoryThatCannotCreateItsSinkStopsTheHostWithItsMessage() {
        assertThatThrownBy(() -> StatsSinks.open(plus("/discovery/sinks-failing/"), settings().build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("example.invalid is unreachable");
    }

    @Test
    void aFactoryThatCannotBeLoadedIsReportedByNameAndSkipped() {
        try (StatsSinks sinks = StatsSinks.open(plus("/discovery/sinks-unloadable/"), settings().build())) {
            assertThat(names(sinks)).containsExactly("stats");
            assertThat(sinks.failures()).extracting(ProviderFailure::providerName)
                    .containsExactly("dev.headroom.stats.NoSuchSinkFactory");
        }
    }

    @Test
    void anUnwritableRequestLogNamesItsFile() throws Exception {
        Path notADirectory = Files.writeString(home.resolve("plain-file"), "x");
        Path log = notADirectory.resolve("requests.jsonl");
        assertThatThrownBy(() -> StatsSinks.open(StatsSinksTest.class.getClassLoader(), settings().requestLog(log).build()))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(log.toString());
    }
}
