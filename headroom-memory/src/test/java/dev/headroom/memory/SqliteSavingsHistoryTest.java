package dev.headroom.memory;

import dev.headroom.stats.SavingsBucket;
import dev.headroom.stats.SavingsHistory;
import dev.headroom.stats.SavingsTotals;
import dev.headroom.stats.Series;
import dev.headroom.testkit.SavingsHistoryContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteSavingsHistoryTest extends SavingsHistoryContract {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("nested").resolve("history.db");
    }

    @Override
    protected SavingsHistory newHistory(Clock clock, Duration retention) {
        return new SqliteSavingsHistory(file(), clock, retention, PRICE);
    }

    @Test
    void reopeningTheSameFileKeepsLifetimeSavingsAndHours() {
        SavingsHistory first = open(SavingsHistory.DEFAULT_RETENTION);
        first.record(request(1000, 300, 200));
        first.record(request(800, 200, 200));
        first.close();
        clock.advance(Duration.ofHours(2));

        SavingsHistory second = open(SavingsHistory.DEFAULT_RETENTION);
        SavingsTotals life = second.lifetime();
        assertThat(life.requests()).isEqualTo(2);
        assertThat(life.tokensSaved()).isEqualTo(1300);
        assertThat(life.costSavedNanos()).isEqualTo(130_000);
        assertThat(life.since()).contains(START);
        second.record(request(100, 50, 200));
        assertThat(second.rollups(Series.HOURLY, 3)).extracting(SavingsBucket::requests).containsExactly(2L, 1L);
        assertThat(second.lifetime().tokensSaved()).isEqualTo(1350);
    }

    @Test
    void usesWalAndRecordsTheSchemaVersion() throws Exception {
        SqliteSavingsHistory h = (SqliteSavingsHistory) open(SavingsHistory.DEFAULT_RETENTION);
        try (Statement s = h.connection().createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            assertThat(HistorySchema.version(h.connection())).isEqualTo(HistorySchema.CURRENT);
        }
    }

    @Test
    void migratesAVersionOneFileKeepingItsHoursAndSeedingLifetime() throws Exception {
        Path old = dir.resolve("v1.db");
        long hour = Instant.parse("2025-01-15T09:00:00Z").getEpochSecond();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            s.executeUpdate("INSERT INTO schema_version VALUES (1)");
            for (String sql : HistorySchema.STEPS.get(0)) {
                s.executeUpdate(sql);
            }
            s.executeUpdate("INSERT INTO savings_hourly VALUES (" + hour + ", 4, 4000, 1000)");
            s.executeUpdate("INSERT INTO savings_hourly VALUES (" + (hour - 86_400) + ", 1, 500, 400)");
        }
        SqliteSavingsHistory h = new SqliteSavingsHistory(old, clock, SavingsHistory.DEFAULT_RETENTION, PRICE);
        try {
            assertThat(HistorySchema.version(h.connection())).isEqualTo(HistorySchema.CURRENT);
            SavingsTotals life = h.lifetime();
            assertThat(life.requests()).isEqualTo(5);
            assertThat(life.tokensSaved()).isEqualTo(3100);
            assertThat(life.costSavedNanos()).isZero();
            assertThat(life.since()).contains(Instant.ofEpochSecond(hour - 86_400));
            h.record(request(100, 40, 500)); // failed: counted, but its compression saved nothing
            assertThat(h.rollups(Series.DAILY, 2)).extracting(SavingsBucket::requests, SavingsBucket::failed, SavingsBucket::tokensSaved)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0L, 100L), org.assertj.core.groups.Tuple.tuple(5L, 1L, 3000L));
            assertThat(h.lifetime().requests()).isEqualTo(6);
        } finally {
            h.close();
        }
    }

    @Test
    void migratingTwiceIsHarmless() {
        SavingsHistory first = open(SavingsHistory.DEFAULT_RETENTION);
        first.record(request(10, 5, 200));
        first.lifetime(); // writes the queued record, so the second open sees it (no race with the writer thread)
        SavingsHistory again = open(SavingsHistory.DEFAULT_RETENTION);
        assertThat(again.lifetime().requests()).isEqualTo(1);
    }

    @Test
    void refusesAFileWrittenByANewerSchema() throws Exception {
        Path newer = dir.resolve("newer.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + newer); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            s.executeUpdate("INSERT INTO schema_version VALUES (99)");
        }
        assertThatThrownBy(() -> new SqliteSavingsHistory(newer)).isInstanceOf(HistoryStoreException.class)
                .hasMessageContaining("schema version 99");
    }

    @Test
    void twoInstancesOnOneFileAddUp() {
        SavingsHistory a = open(SavingsHistory.DEFAULT_RETENTION);
        SavingsHistory b = open(SavingsHistory.DEFAULT_RETENTION);
        a.record(request(100, 50, 200));
        b.record(request(100, 60, 200));
        a.lifetime(); // writes a's queue
        assertThat(b.lifetime().requests()).isEqualTo(2);
        assertThat(b.rollups(Series.HOURLY, 1)).singleElement().satisfies(x -> assertThat(x.tokensSaved()).isEqualTo(90));
    }

    @Test
    void recordsAfterCloseAreIgnoredNotThrown() {
        SavingsHistory h = open(SavingsHistory.DEFAULT_RETENTION);
        h.close();
        h.record(request(10, 5, 200));
        assertThat(open(SavingsHistory.DEFAULT_RETENTION).lifetime().requests()).isZero();
    }

    @Test
    void defaultFileSitsBesideTheRetrievalStore() {
        assertThat(SqliteSavingsHistory.defaultFile().getFileName().toString()).isEqualTo("history.db");
    }
}
