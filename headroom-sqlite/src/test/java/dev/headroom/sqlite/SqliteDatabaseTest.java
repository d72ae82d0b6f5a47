package dev.headroom.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteDatabaseTest {
    private static final List<List<String>> STEPS = List.of(
            List.of("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"),
            List.of("ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0"));

    @TempDir
    Path dir;

    /** The store-specific exception a caller passes in. */
    static final class StoreFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static SqliteSchema schema(SchemaVersioning versioning, int steps) {
        return new SqliteSchema("notes", versioning, STEPS.subList(0, steps));
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    @Test
    void opensANewFileInWalModeAndMigratesItToTheCurrentVersion() throws Exception {
        Path file = dir.resolve("nested/dir/notes.db");
        for (SchemaVersioning versioning : SchemaVersioning.values()) {
            Path f = file.resolveSibling(versioning + ".db");
            SqliteSchema schema = schema(versioning, 2);
            try (Connection c = SqliteDatabase.open(f, schema, StoreFailure::new); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                    assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
                }
                assertThat(schema.version(c)).isEqualTo(2);
                s.executeUpdate("INSERT INTO notes (text, pinned) VALUES ('a', 1)");
            }
        }
    }

    @Test
    void recordsTheVersionWhereTheSchemaSays() throws Exception {
        try (Connection c = SqliteDatabase.open(dir.resolve("p.db"), schema(SchemaVersioning.USER_VERSION, 2), StoreFailure::new)) {
            assertThat(count(c, "PRAGMA user_version")).isEqualTo(2);
        }
        try (Connection c = SqliteDatabase.open(dir.resolve("t.db"), schema(SchemaVersioning.TABLE, 2), StoreFailure::new)) {
            assertThat(count(c, "SELECT version FROM schema_version")).isEqualTo(2);
            assertThat(count(c, "SELECT COUNT(*) FROM schema_version")).isEqualTo(1);
        }
    }

    @Test
    void upgradesAnOlderFileStepByStepKeepingItsRows() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = SqliteDatabase.open(file, schema(SchemaVersioning.TABLE, 1), StoreFailure::new);
             Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO notes (text) VALUES ('kept')");
        }
        SqliteSchema current = schema(SchemaVersioning.TABLE, 2);
        try (Connection c = SqliteDatabase.open(file, current, StoreFailure::new)) {
            assertThat(current.version(c)).isEqualTo(2);
            assertThat(count(c, "SELECT COUNT(*) FROM notes WHERE text = 'kept' AND pinned = 0")).isEqualTo(1);
        }
        try (Connection again = SqliteDatabase.open(file, current, StoreFailure::new)) {
            assertThat(count(again, "SELECT COUNT(*) FROM notes")).isEqualTo(1);
        }
    }

    @Test
    void refusesAFileWithANewerSchemaWithTheCallersException() throws Exception {
        Path file = dir.resolve("future.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> SqliteDatabase.open(file, schema(SchemaVersioning.USER_VERSION, 2), StoreFailure::new))
                .isInstanceOf(StoreFailure.class).hasMessageContaining("notes schema version 99")
                .hasMessageContaining("(2)");
    }

    @Test
    void aFailedStepLeavesTheFileAsItWas() throws Exception {
        Path file = dir.resolve("broken.db");
        SqliteSchema broken = new SqliteSchema("notes", SchemaVersioning.TABLE,
                List.of(STEPS.get(0), List.of("ALTER TABLE no_such_table ADD COLUMN x INTEGER")));
        assertThatThrownBy(() -> SqliteDatabase.open(file, broken, StoreFailure::new))
                .isInstanceOf(StoreFailure.class).hasMessageContaining("could not open " + file);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(count(c, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('notes', 'schema_version')")).isZero();
        }
    }

    @Test
    void aTransactionThatThrowsIsRolledBack() throws Exception {
        try (Connection c = SqliteDatabase.open(dir.resolve("tx.db"), schema(SchemaVersioning.TABLE, 2), StoreFailure::new)) {
            assertThatThrownBy(() -> SqliteDatabase.transaction(c, () -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO notes (text) VALUES ('gone')");
                }
                throw new IllegalStateException("stop");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(c.getAutoCommit()).isTrue();
            SqliteDatabase.transaction(c, () -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO notes (text) VALUES ('kept')");
                }
            });
            assertThat(count(c, "SELECT group_concat(text) = 'kept' FROM notes")).isEqualTo(1);
        }
    }

    @Test
    void manyConnectionsOpeningANewFileAtOnceAllSucceed() throws Exception {
        Path file = dir.resolve("shared.db");
        SqliteSchema schema = schema(SchemaVersioning.TABLE, 2);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> opened = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                Callable<Integer> open = () -> {
                    try (Connection c = SqliteDatabase.open(file, schema, StoreFailure::new)) {
                        SqliteDatabase.transaction(c, () -> {
                            try (Statement s = c.createStatement()) {
                                s.executeUpdate("INSERT INTO notes (text) VALUES ('" + n + "')");
                            }
                        });
                        return schema.version(c);
                    }
                };
                opened.add(pool.submit(open));
            }
            for (Future<Integer> f : opened) {
                assertThat(f.get()).isEqualTo(2);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(count(c, "SELECT COUNT(*) FROM notes")).isEqualTo(8);
        }
    }
}
