package dev.headroom.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Where a file records its schema version. A new file reads as version 0. */
public enum SchemaVersioning {
    /** In SQLite's own {@code PRAGMA user_version}. */
    USER_VERSION {
        @Override
        int read(Connection c) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }

        @Override
        void prepare(Statement s) {
            // nothing to create: the pragma always exists
        }

        @Override
        void write(Statement s, int version) throws SQLException {
            s.executeUpdate("PRAGMA user_version = " + version);
        }
    },

    /** In a one-row table {@code schema_version(version)}. */
    TABLE {
        @Override
        int read(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery(
                        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
                    if (!rs.next() || rs.getInt(1) == 0) {
                        return 0;
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        }

        @Override
        void prepare(Statement s) throws SQLException {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        }

        @Override
        void write(Statement s, int version) throws SQLException {
            s.executeUpdate("DELETE FROM schema_version");
            s.executeUpdate("INSERT INTO schema_version (version) VALUES (" + version + ")");
        }
    };

    /** The version recorded in the file; 0 when none is. */
    abstract int read(Connection c) throws SQLException;

    /** Creates what {@link #write} needs, inside the migration's transaction. */
    abstract void prepare(Statement s) throws SQLException;

    /** Records {@code version}, inside the migration's transaction. */
    abstract void write(Statement s, int version) throws SQLException;
}
