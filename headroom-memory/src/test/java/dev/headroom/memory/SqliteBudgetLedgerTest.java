package dev.headroom.memory;

import dev.headroom.stats.SavingsHistory;
import dev.headroom.stats.SavingsTotals;
import dev.headroom.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteBudgetLedgerTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("nested").resolve("history.db");
    }

    @Test
    void spendSurvivesReopeningTheFile() {
        try (SqliteBudgetLedger first = new SqliteBudgetLedger(file())) {
            first.add("daily:2025-01-01T00:00:00Z", 1_500_000_000L);
            first.add("daily:2025-01-01T00:00:00Z", 250_000_000L);
            first.add("daily:2025-01-02T00:00:00Z", 7L);
        }
        try (SqliteBudgetLedger second = new SqliteBudgetLedger(file())) {
            assertThat(second.spentNanos("daily:2025-01-01T00:00:00Z")).isEqualTo(1_750_000_000L);
            assertThat(second.spentNanos("daily:2025-01-02T00:00:00Z")).isEqualTo(7L);
            assertThat(second.spentNanos("hourly:2025-01-01T00:00:00Z")).as("another period kind").isZero();
            assertThat(second.location()).isEqualTo(file().toAbsolutePath().toString());
        }
    }

    @Test
    void concurrentAdditionsFromTwoConnectionsLoseNothing() throws Exception {
        try (SqliteBudgetLedger a = new SqliteBudgetLedger(file()); SqliteBudgetLedger b = new SqliteBudgetLedger(file())) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                SqliteBudgetLedger ledger = t % 2 == 0 ? a : b;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        ledger.add("monthly:2025-01-01T00:00:00Z", 3);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertThat(a.spentNanos("monthly:2025-01-01T00:00:00Z")).isEqualTo(8 * 100 * 3);
        }
    }

    @Test
    void sharesTheFileWithTheSavingsHistory() {
        MutableClock clock = new MutableClock();
        try (SqliteSavingsHistory history = new SqliteSavingsHistory(file(), clock, SavingsHistory.DEFAULT_RETENTION, r -> 0L);
             SqliteBudgetLedger ledger = new SqliteBudgetLedger(file())) {
            ledger.add("hourly:2025-01-01T00:00:00Z", 42);
            assertThat(history.lifetime().requests()).isZero();
            assertThat(ledger.spentNanos("hourly:2025-01-01T00:00:00Z")).isEqualTo(42);
        }
    }

    @Test
    void migratesAVersionTwoFileKeepingItsSavings() throws Exception {
        Path old = dir.resolve("v2.db");
        long hour = Instant.parse("2025-01-15T09:00:00Z").getEpochSecond();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            s.executeUpdate("INSERT INTO schema_version VALUES (2)");
            for (int v = 0; v < 2; v++) {
                for (String sql : HistorySchema.STEPS.get(v)) {
                    s.executeUpdate(sql);
                }
            }
            s.executeUpdate("INSERT INTO savings_hourly VALUES (" + hour + ", 4, 4000, 1000, 1, 80, 123)");
            s.executeUpdate("UPDATE lifetime SET since_millis = " + hour * 1000 + ", requests = 4, failed = 1, "
                    + "tokens_before = 4000, tokens_after = 1000, output_tokens = 80, cost_saved_nanos = 123");
        }
        try (SqliteBudgetLedger ledger = new SqliteBudgetLedger(old)) {
            assertThat(ledger.spentNanos("daily:2025-01-15T00:00:00Z")).isZero();
            ledger.add("daily:2025-01-15T00:00:00Z", 5);
            assertThat(ledger.spentNanos("daily:2025-01-15T00:00:00Z")).isEqualTo(5);
        }
        try (SqliteSavingsHistory h = new SqliteSavingsHistory(old, new MutableClock(), SavingsHistory.DEFAULT_RETENTION, r -> 0L)) {
            assertThat(HistorySchema.version(h.connection())).isEqualTo(HistorySchema.CURRENT);
            SavingsTotals life = h.lifetime();
            assertThat(life.requests()).isEqualTo(4);
            assertThat(life.tokensSaved()).isEqualTo(3000);
            assertThat(life.costSavedNanos()).isEqualTo(123);
        }
    }

    @Test
    void aClosedLedgerRefusesRatherThanPretends() {
        SqliteBudgetLedger ledger = new SqliteBudgetLedger(file());
        ledger.close();
        assertThatThrownBy(() -> ledger.add("daily:x", 1)).isInstanceOf(HistoryStoreException.class);
        assertThatThrownBy(() -> ledger.spentNanos("daily:x")).isInstanceOf(HistoryStoreException.class);
    }
}
