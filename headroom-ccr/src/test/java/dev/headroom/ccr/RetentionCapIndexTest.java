package dev.headroom.ccr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The size cap's sum reads a covering index, so storing an original costs the same in a full file as in an empty one. */
class RetentionCapIndexTest {

    @Test
    void capSumReadsTheCoveringIndexNotTheRows(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ccr.db");
        try (SqliteRetentionStore store = new SqliteRetentionStore(file)) {
            store.put("an original ".repeat(1000));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN SELECT COALESCE(SUM(bytes), 0) FROM retained")) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(4)).append('\n');
            }
            assertThat(plan.toString()).contains("COVERING INDEX retained_cap");
        }
    }

    @Test
    void fileWrittenWithoutTheIndexGetsItWhenOpened(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ccr.db");
        try (SqliteRetentionStore store = new SqliteRetentionStore(file)) {
            store.put("kept across the reopen ".repeat(100));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("DROP INDEX retained_cap");
        }
        try (SqliteRetentionStore store = new SqliteRetentionStore(file)) {
            assertThat(store.get(dev.headroom.retention.ContentHash.of("kept across the reopen ".repeat(100)))).isPresent();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'retained_cap'")) {
            assertThat(rs.next() && rs.getInt(1) == 1).isTrue();
        }
    }
}
