package dev.headroom.memory;

import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.Usage;
import dev.headroom.stats.HoldoutCell;
import dev.headroom.stats.HoldoutTally;
import dev.headroom.stats.OutputSavingsEstimator;
import dev.headroom.stats.SavingsHistory;
import dev.headroom.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The output shaper's holdout tally in the SQLite savings history: persisted, added up, migrated to. */
class SqliteHoldoutHistoryTest {
    @TempDir
    Path dir;

    private static RequestRecord turn(String arm, String family, String kind, long output) {
        return new RequestRecord("r", "anthropic", "claude-opus-4-5", 10, 10, new Usage(10, output, 0, 0), 200, 5, 1,
                List.of(), Map.of(), false, 2, Map.of(), null, new RequestRecord.Holdout(arm, family, kind));
    }

    private SqliteSavingsHistory open(Path file) {
        return new SqliteSavingsHistory(file, new MutableClock(), SavingsHistory.DEFAULT_RETENTION, r -> 0L);
    }

    @Test
    void holdoutTallySurvivesReopeningAndAddsUpAcrossProcesses() {
        Path file = dir.resolve("history.db");
        try (SqliteSavingsHistory first = open(file); SqliteSavingsHistory second = open(file)) {
            first.record(turn("control", "claude-opus", "question", 400));
            first.record(turn("treatment", "claude-opus", "question", 250));
            second.record(turn("control", "claude-opus", "question", 600));
            assertThat(first.holdout().cells()).hasSize(2);
            assertThat(second.holdout()).isEqualTo(first.holdout());
        }
        try (SqliteSavingsHistory reopened = open(file)) {
            assertThat(reopened.holdout().cells()).containsExactly(
                    new HoldoutCell("control", "claude-opus", "question", 2, 1000, 520_000),
                    new HoldoutCell("treatment", "claude-opus", "question", 1, 250, 62_500));
            assertThat(OutputSavingsEstimator.estimate(reopened.holdout()).control().meanOutputTokens()).isEqualTo(500);
        }
    }

    @Test
    void migratesAVersionThreeFileKeepingItsSavingsAndStartsAnEmptyHoldout() throws Exception {
        Path old = dir.resolve("v3.db");
        long hour = Instant.parse("2025-01-15T09:00:00Z").getEpochSecond();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            s.executeUpdate("INSERT INTO schema_version VALUES (3)");
            for (int v = 0; v < 3; v++) {
                for (String sql : HistorySchema.STEPS.get(v)) {
                    s.executeUpdate(sql);
                }
            }
            s.executeUpdate("INSERT INTO savings_hourly VALUES (" + hour + ", 4, 4000, 1000, 1, 80, 123)");
            s.executeUpdate("UPDATE lifetime SET since_millis = " + hour * 1000 + ", requests = 4, failed = 1, "
                    + "tokens_before = 4000, tokens_after = 1000, output_tokens = 80, cost_saved_nanos = 123");
            s.executeUpdate("INSERT INTO budget_spend VALUES ('daily:2025-01-15T00:00:00Z', 77)");
        }
        try (SqliteSavingsHistory h = open(old)) {
            assertThat(HistorySchema.version(h.connection())).isEqualTo(4).isEqualTo(HistorySchema.CURRENT);
            assertThat(h.lifetime().requests()).isEqualTo(4);
            assertThat(h.lifetime().tokensSaved()).isEqualTo(3000);
            assertThat(h.holdout()).isEqualTo(HoldoutTally.EMPTY);
            h.record(turn("treatment", "gpt-5", "tool_continuation", 30));
            assertThat(h.holdout().cells()).containsExactly(new HoldoutCell("treatment", "gpt-5", "tool_continuation", 1, 30, 900));
        }
        try (SqliteBudgetLedger ledger = new SqliteBudgetLedger(old)) {
            assertThat(ledger.spentNanos("daily:2025-01-15T00:00:00Z")).isEqualTo(77);
        }
    }
}
