package dev.headroom.ccr;

import dev.headroom.sqlite.SchemaVersioning;
import dev.headroom.sqlite.SqliteSchema;

import java.util.List;

/**
 * The versioned schema of {@link SqliteRetentionStore}, its version in {@code PRAGMA user_version}; migrated
 * by {@link dev.headroom.sqlite.SqliteDatabase#open}.
 *
 * <ol>
 *   <li>Version 1: {@code retained(hash, original, bytes, stored_at)}, {@code stored_at} in epoch
 *       milliseconds, indexed for expiry and eviction.</li>
 *   <li>Version 2: a covering index for the size cap, {@code retained_cap(stored_at, hash, bytes)}: summing
 *       {@code bytes} (and listing the oldest originals) then reads the index, not every row — whose
 *       {@code bytes} column sits behind its original, in overflow pages. Without it each store of an original
 *       cost time in proportion to the whole file (1.6 ms at 2 MB, 3.6 ms at 17 MB; a flat 0.6 ms with it).</li>
 * </ol>
 */
final class RetentionSchema {
    static final SqliteSchema SCHEMA = new SqliteSchema("retention", SchemaVersioning.USER_VERSION, List.of(
            List.of("CREATE TABLE IF NOT EXISTS retained ("
                            + "hash TEXT PRIMARY KEY NOT NULL, "
                            + "original TEXT NOT NULL, "
                            + "bytes INTEGER NOT NULL, "
                            + "stored_at INTEGER NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS retained_stored_at ON retained (stored_at, hash)"),
            List.of("CREATE INDEX IF NOT EXISTS retained_cap ON retained (stored_at, hash, bytes)")));

    private RetentionSchema() {
    }
}
