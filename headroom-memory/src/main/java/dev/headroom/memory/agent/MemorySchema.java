package dev.headroom.memory.agent;

import dev.headroom.sqlite.SchemaVersioning;
import dev.headroom.sqlite.SqliteSchema;

import java.util.List;

/**
 * The versioned schema of a {@link MemoryStore} file, its version in {@code PRAGMA user_version}; migrated by
 * {@link dev.headroom.sqlite.SqliteDatabase#open}.
 *
 * <ol>
 *   <li>Version 1: {@code memories} (text, scope, category, importance, times in epoch milliseconds, access
 *       count, supersedes) and the FTS5 index {@code memories_fts} over text and category, kept in step by
 *       triggers.</li>
 *   <li>Version 2: the {@code learned} flag, and {@code learn_evidence} (the distinct sightings of a candidate fact,
 *       for {@code --learn}: one row per tool call it was seen in).</li>
 * </ol>
 */
final class MemorySchema {
    static final List<List<String>> STEPS = List.of(
            List.of("CREATE TABLE memories ("
                            + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                            + "text TEXT NOT NULL, "
                            + "scope TEXT NOT NULL, "
                            + "category TEXT NOT NULL, "
                            + "importance REAL NOT NULL, "
                            + "created_millis INTEGER NOT NULL, "
                            + "updated_millis INTEGER NOT NULL, "
                            + "access_count INTEGER NOT NULL DEFAULT 0, "
                            + "supersedes INTEGER, "
                            + "superseded INTEGER NOT NULL DEFAULT 0)",
                    "CREATE VIRTUAL TABLE memories_fts USING fts5(text, category, content='memories', content_rowid='id')",
                    "CREATE TRIGGER memories_ai AFTER INSERT ON memories BEGIN "
                            + "INSERT INTO memories_fts(rowid, text, category) VALUES (new.id, new.text, new.category); END",
                    "CREATE TRIGGER memories_ad AFTER DELETE ON memories BEGIN "
                            + "INSERT INTO memories_fts(memories_fts, rowid, text, category) VALUES ('delete', old.id, old.text, old.category); END",
                    "CREATE TRIGGER memories_au AFTER UPDATE OF text, category ON memories BEGIN "
                            + "INSERT INTO memories_fts(memories_fts, rowid, text, category) VALUES ('delete', old.id, old.text, old.category); "
                            + "INSERT INTO memories_fts(rowid, text, category) VALUES (new.id, new.text, new.category); END"),
            List.of("ALTER TABLE memories ADD COLUMN learned INTEGER NOT NULL DEFAULT 0",
                    "CREATE TABLE learn_evidence ("
                            + "fact TEXT NOT NULL, "
                            + "category TEXT NOT NULL, "
                            + "evidence TEXT NOT NULL, "
                            + "PRIMARY KEY (fact, evidence))"));

    static final SqliteSchema SCHEMA = new SqliteSchema("memory", SchemaVersioning.USER_VERSION, STEPS);

    private MemorySchema() {
    }
}
