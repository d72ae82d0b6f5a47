package dev.headroom.ccr;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The versioned schema of {@link SqliteRetentionStore}, tracked in {@code PRAGMA user_version}. Migrations
 * run in one {@code BEGIN IMMEDIATE} transaction, so processes opening a new file at the same time do not
 * race; a file with a newer version than this code knows is refused.
 */
final class RetentionSchema {
    private RetentionSchema() {
    }

    static void migrate(Connection c, Path file) throws SQLException {
        if (version(c) == SqliteRetentionStore.SCHEMA_VERSION) {
            ensureCapIndex(c);
            return;
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            int version = version(c); // re-read under the write lock
            if (version > SqliteRetentionStore.SCHEMA_VERSION) {
                throw new RetentionStoreException(file + " has schema version " + version
                        + ", newer than this Headroom understands (" + SqliteRetentionStore.SCHEMA_VERSION + ")", null);
            }
            if (version < 1) {
                s.executeUpdate("CREATE TABLE IF NOT EXISTS retained ("
                        + "hash TEXT PRIMARY KEY NOT NULL, "
                        + "original TEXT NOT NULL, "
                        + "bytes INTEGER NOT NULL, "
                        + "stored_at INTEGER NOT NULL)");
                s.executeUpdate("CREATE INDEX IF NOT EXISTS retained_stored_at ON retained (stored_at, hash)");
            }
            s.executeUpdate("PRAGMA user_version = " + SqliteRetentionStore.SCHEMA_VERSION);
            c.commit();
            ensureCapIndex(c);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * A covering index for the size cap: summing {@code bytes} (and listing the oldest originals) then reads the
     * index, not every row — whose {@code bytes} column sits behind its original, in overflow pages. Without it
     * each store of an original cost time in proportion to the whole file. Files written before it get it here;
     * code that predates it ignores it.
     */
    private static void ensureCapIndex(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE INDEX IF NOT EXISTS retained_cap ON retained (stored_at, hash, bytes)");
        }
    }

    private static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
