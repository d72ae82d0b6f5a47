package dev.headroom.cli;

import dev.headroom.memory.SqliteSavingsHistory;
import dev.headroom.spi.RequestRecord;
import dev.headroom.stats.InMemorySavingsHistory;
import dev.headroom.stats.PriceTable;
import dev.headroom.stats.SavingsHistory;

import java.time.Clock;
import java.time.Duration;
import java.util.function.ToLongFunction;

/** How {@code headroom proxy} keeps its savings history: a SQLite file, or memory with {@code --stateless}. */
final class HistoryStore {
    private HistoryStore() {
    }

    /**
     * Opens the history: in memory when {@code stateless}, else {@link SqliteSavingsHistory#defaultFile()}; dollars
     * saved are priced with {@code prices}, as {@code /stats} prices them.
     */
    static SavingsHistory open(boolean stateless, int retentionDays, PriceTable prices) {
        Duration retention = Duration.ofDays(retentionDays);
        ToLongFunction<RequestRecord> saved = r -> prices.cost(r.model(), r.usage(), r.tokensSaved()).savedNanos();
        return stateless ? new InMemorySavingsHistory(Clock.systemUTC(), retention, saved)
                : new SqliteSavingsHistory(SqliteSavingsHistory.defaultFile(), Clock.systemUTC(), retention, saved);
    }
}
