package dev.headroom.cli;

import dev.headroom.memory.SqliteSavingsHistory;
import dev.headroom.spi.StatsSink;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.stats.InMemorySavingsHistory;
import dev.headroom.stats.SavingsHistory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How {@code headroom proxy} keeps its savings history: a SQLite file, or memory with {@code --stateless}. */
final class HistoryStore {
    private HistoryStore() {
    }

    /**
     * Opens the history: in memory when {@code stateless}, else {@link SqliteSavingsHistory#defaultFile()}. No
     * prices are known here yet, so dollars saved stay 0 and only tokens are counted.
     */
    static SavingsHistory open(boolean stateless, int retentionDays) {
        Duration retention = Duration.ofDays(retentionDays);
        return stateless ? new InMemorySavingsHistory(Clock.systemUTC(), retention, r -> 0L)
                : new SqliteSavingsHistory(SqliteSavingsHistory.defaultFile(), Clock.systemUTC(), retention, r -> 0L);
    }

    /** {@code sinks} with the history added as one more sink. */
    static CompositeStatsSink withHistory(CompositeStatsSink sinks, SavingsHistory history) {
        List<StatsSink> all = new ArrayList<>(sinks.sinks());
        all.add(history);
        return new CompositeStatsSink(all);
    }
}
