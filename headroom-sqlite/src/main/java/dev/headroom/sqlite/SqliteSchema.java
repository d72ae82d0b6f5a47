package dev.headroom.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * A versioned schema: the statements that lift a file from version {@code i} to {@code i + 1} sit at index
 * {@code i} of {@link #steps()}, so the current version is the number of steps. Migrating runs every missing
 * step in one {@code BEGIN IMMEDIATE} transaction, so processes opening a new file at the same time do not
 * race; a file with a newer version than the steps know is refused rather than misread.
 *
 * @param name       what the schema holds, for messages ({@code "retention"}, {@code "history"})
 * @param versioning where the file records its version
 * @param steps      the statements of each step, oldest first; at least one step
 */
public record SqliteSchema(String name, SchemaVersioning versioning, List<List<String>> steps) {

    public SqliteSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(versioning, "versioning");
        steps = steps.stream().map(List::copyOf).toList();
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a schema needs at least one step");
        }
    }

    /** The version this schema writes: the number of steps. */
    public int current() {
        return steps.size();
    }

    /** The version recorded in the file behind {@code c}; 0 for a new file. */
    public int version(Connection c) throws SQLException {
        return versioning.read(c);
    }

    /**
     * Brings the file up to {@link #current()}; a file already there costs one read and no write lock.
     *
     * @param file   the file, for messages
     * @param errors makes the exception for a file with a newer schema
     */
    public void migrate(Connection c, Path file, SqliteErrors errors) throws SQLException {
        if (version(c) == current()) {
            return;
        }
        SqliteDatabase.transaction(c, () -> {
            try (Statement s = c.createStatement()) {
                versioning.prepare(s);
                int version = version(c); // re-read under the write lock
                if (version > current()) {
                    throw errors.error(file + " has " + name + " schema version " + version
                            + ", newer than this Headroom understands (" + current() + ")", null);
                }
                for (int v = version; v < current(); v++) {
                    for (String sql : steps.get(v)) {
                        s.executeUpdate(sql);
                    }
                }
                if (version != current()) {
                    versioning.write(s, current());
                }
            }
        });
    }
}
