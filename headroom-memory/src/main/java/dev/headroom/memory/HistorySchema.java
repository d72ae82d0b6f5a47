package dev.headroom.memory;

import dev.headroom.sqlite.SchemaVersioning;
import dev.headroom.sqlite.SqliteSchema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The versioned schema of {@link SqliteSavingsHistory}, its version kept in the one-row table
 * {@code schema_version}. {@link dev.headroom.sqlite.SqliteDatabase#open} brings every file up to
 * {@link #CURRENT} step by step, in one {@code BEGIN IMMEDIATE} transaction, so processes opening a file at
 * the same time do not race; a file with a newer version than this code knows is refused rather than misread.
 *
 * <ol>
 *   <li>Version 1: {@code savings_hourly(hour_start, requests, tokens_before, tokens_after)}, hour starts in
 *       epoch seconds (UTC).</li>
 *   <li>Version 2: adds {@code failed}, {@code output_tokens} and {@code cost_saved_nanos} to the hours, and the
 *       one-row {@code lifetime} table (seeded from the hours already stored), so lifetime totals outlive
 *       retention.</li>
 *   <li>Version 3: the {@code budget_spend(period_key, spent_nanos)} table of {@link SqliteBudgetLedger}.</li>
 *   <li>Version 4: the output shaper's holdout, {@code output_holdout(arm, model_family, turn_kind, turns,
 *       output_tokens, output_tokens_squared)}, one row per arm and stratum, kept like the lifetime row.</li>
 * </ol>
 */
final class HistorySchema {
    /** The version this code writes. */
    static final int CURRENT = 4;

    /** The statements that lift a file from version {@code i} to {@code i + 1}, at index {@code i}. */
    static final List<List<String>> STEPS = List.of(
            List.of("CREATE TABLE IF NOT EXISTS savings_hourly ("
                    + "hour_start INTEGER PRIMARY KEY NOT NULL, "
                    + "requests INTEGER NOT NULL, "
                    + "tokens_before INTEGER NOT NULL, "
                    + "tokens_after INTEGER NOT NULL)"),
            List.of("ALTER TABLE savings_hourly ADD COLUMN failed INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE savings_hourly ADD COLUMN output_tokens INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE savings_hourly ADD COLUMN cost_saved_nanos INTEGER NOT NULL DEFAULT 0",
                    "CREATE TABLE lifetime ("
                            + "id INTEGER PRIMARY KEY CHECK (id = 1), "
                            + "since_millis INTEGER, "
                            + "requests INTEGER NOT NULL, "
                            + "failed INTEGER NOT NULL, "
                            + "tokens_before INTEGER NOT NULL, "
                            + "tokens_after INTEGER NOT NULL, "
                            + "output_tokens INTEGER NOT NULL, "
                            + "cost_saved_nanos INTEGER NOT NULL)",
                    "INSERT INTO lifetime SELECT 1, MIN(hour_start) * 1000, COALESCE(SUM(requests), 0), "
                            + "COALESCE(SUM(failed), 0), COALESCE(SUM(tokens_before), 0), "
                            + "COALESCE(SUM(tokens_after), 0), COALESCE(SUM(output_tokens), 0), "
                            + "COALESCE(SUM(cost_saved_nanos), 0) FROM savings_hourly"),
            List.of("CREATE TABLE budget_spend ("
                    + "period_key TEXT PRIMARY KEY NOT NULL, "
                    + "spent_nanos INTEGER NOT NULL)"),
            List.of("CREATE TABLE output_holdout ("
                    + "arm TEXT NOT NULL, "
                    + "model_family TEXT NOT NULL, "
                    + "turn_kind TEXT NOT NULL, "
                    + "turns INTEGER NOT NULL, "
                    + "output_tokens INTEGER NOT NULL, "
                    + "output_tokens_squared INTEGER NOT NULL, "
                    + "PRIMARY KEY (arm, model_family, turn_kind))"));

    /** The schema, versioned in the one-row table {@code schema_version}. */
    static final SqliteSchema SCHEMA = new SqliteSchema("history", SchemaVersioning.TABLE, STEPS);

    private HistorySchema() {
    }

    /** The version recorded in the file; 0 for a new file. */
    static int version(Connection c) throws SQLException {
        return SCHEMA.version(c);
    }
}
