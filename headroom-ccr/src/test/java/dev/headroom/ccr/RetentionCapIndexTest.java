package dev.headroom.ccr;

import dev.headroom.retention.ContentHash;
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
    void versionOneFileIsMigratedAndGetsTheIndex(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ccr.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE retained (hash TEXT PRIMARY KEY NOT NULL, original TEXT NOT NULL, "
                    + "bytes INTEGER NOT NULL, stored_at INTEGER NOT NULL)");
            s.executeUpdate("CREATE INDEX retained_stored_at ON retained (stored_at, hash)");
            s.executeUpdate("INSERT INTO retained VALUES ('" + ContentHash.of("kept across the upgrade")
                    + "', 'kept across the upgrade', 23, " + System.currentTimeMillis() + ")");
            s.executeUpdate("PRAGMA user_version = 1");
        }
        try (SqliteRetentionStore store = new SqliteRetentionStore(file)) {
            assertThat(store.get(ContentHash.of("kept across the upgrade"))).contains("kept across the upgrade");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'retained_cap'")) {
                assertThat(rs.next() && rs.getInt(1) == 1).isTrue();
            }
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }
}
