package dev.headroom.memory;

import dev.headroom.stats.HoldoutCell;
import dev.headroom.stats.HoldoutTally;
import dev.headroom.stats.SavingsBucket;
import dev.headroom.stats.SavingsTotals;
import dev.headroom.sqlite.SqliteDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SQL of {@link SqliteSavingsHistory}: one connection to one file, used by one thread at a time (the
 * history's write lock). Hour starts are epoch seconds, lifetime's {@code since_millis} epoch milliseconds.
 */
final class HistoryTables implements AutoCloseable {
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final String COLUMNS = "requests, failed, tokens_before, tokens_after, output_tokens, cost_saved_nanos";

    private final Connection connection;
    private Instant lastPurge = Instant.EPOCH;

    private HistoryTables(Connection connection) {
        this.connection = connection;
    }

    static HistoryTables open(Path file) {
        return new HistoryTables(SqliteDatabase.open(file, HistorySchema.SCHEMA, HistoryStoreException::new));
    }

    Connection connection() {
        return connection;
    }

    boolean retentionDue(Instant now) {
        return Duration.between(lastPurge, now).compareTo(PURGE_EVERY) >= 0;
    }

    /**
     * Adds the counts to their hours and to the lifetime row, and deletes hours that start before
     * {@code cutoff}, in one transaction.
     *
     * @param first   when the earliest of the counts was recorded; null when there are none
     * @param holdout the holdout turns among them, added to their arm and stratum
     */
    void add(List<SavingsBucket> counts, List<HoldoutCell> holdout, Instant first, Instant cutoff, Instant now)
            throws SQLException {
        Map<Instant, SavingsBucket> byHour = new TreeMap<>();
        SavingsBucket total = null;
        for (SavingsBucket b : counts) {
            byHour.merge(b.start(), b, SavingsBucket::plus);
            total = total == null ? b : total.plus(b);
        }
        SavingsBucket sum = total;
        SqliteDatabase.transaction(connection, () -> {
            try (PreparedStatement up = connection.prepareStatement("INSERT INTO savings_hourly (hour_start, "
                    + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hour_start) DO UPDATE SET "
                    + "requests = requests + excluded.requests, failed = failed + excluded.failed, "
                    + "tokens_before = tokens_before + excluded.tokens_before, "
                    + "tokens_after = tokens_after + excluded.tokens_after, "
                    + "output_tokens = output_tokens + excluded.output_tokens, "
                    + "cost_saved_nanos = cost_saved_nanos + excluded.cost_saved_nanos")) {
                for (SavingsBucket b : byHour.values()) {
                    up.setLong(1, b.start().getEpochSecond());
                    bindCounts(up, 2, b);
                    up.addBatch();
                }
                up.executeBatch();
            }
            if (sum != null) {
                try (PreparedStatement life = connection.prepareStatement("UPDATE lifetime SET "
                        + "since_millis = COALESCE(since_millis, ?), requests = requests + ?, failed = failed + ?, "
                        + "tokens_before = tokens_before + ?, tokens_after = tokens_after + ?, "
                        + "output_tokens = output_tokens + ?, cost_saved_nanos = cost_saved_nanos + ? WHERE id = 1")) {
                    life.setLong(1, first.toEpochMilli());
                    bindCounts(life, 2, sum);
                    life.executeUpdate();
                }
            }
            if (!holdout.isEmpty()) {
                addHoldout(HoldoutTally.of(holdout));
            }
            try (PreparedStatement purge = connection.prepareStatement("DELETE FROM savings_hourly WHERE hour_start < ?")) {
                purge.setLong(1, cutoff.getEpochSecond());
                purge.executeUpdate();
            }
        });
        lastPurge = now;
    }

    /** The stored hours that start at or after {@code from}, oldest first. */
    List<SavingsBucket> hours(Instant from) {
        List<SavingsBucket> out = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement("SELECT hour_start, " + COLUMNS
                + " FROM savings_hourly WHERE hour_start >= ? ORDER BY hour_start")) {
            q.setLong(1, from.getEpochSecond());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new SavingsBucket(Instant.ofEpochSecond(rs.getLong(1)), rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new HistoryStoreException("could not read the savings history: " + e.getMessage(), e);
        }
    }

    SavingsTotals lifetime() {
        try (PreparedStatement q = connection.prepareStatement("SELECT since_millis, " + COLUMNS
                + " FROM lifetime WHERE id = 1"); ResultSet rs = q.executeQuery()) {
            if (!rs.next()) {
                return SavingsTotals.EMPTY;
            }
            long since = rs.getLong(1);
            Optional<Instant> start = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(since));
            return new SavingsTotals(start, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                    rs.getLong(6), rs.getLong(7));
        } catch (SQLException e) {
            throw new HistoryStoreException("could not read the lifetime savings: " + e.getMessage(), e);
        }
    }

    private void addHoldout(HoldoutTally tally) throws SQLException {
        try (PreparedStatement up = connection.prepareStatement("INSERT INTO output_holdout (arm, model_family, turn_kind, "
                + "turns, output_tokens, output_tokens_squared) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (arm, model_family, turn_kind) DO UPDATE SET turns = turns + excluded.turns, "
                + "output_tokens = output_tokens + excluded.output_tokens, "
                + "output_tokens_squared = output_tokens_squared + excluded.output_tokens_squared")) {
            for (HoldoutCell c : tally.cells()) {
                up.setString(1, c.arm());
                up.setString(2, c.modelFamily());
                up.setString(3, c.turnKind());
                up.setLong(4, c.turns());
                up.setLong(5, c.outputTokens());
                up.setLong(6, c.outputTokensSquared());
                up.addBatch();
            }
            up.executeBatch();
        }
    }

    /** The holdout's rows. */
    HoldoutTally holdout() {
        List<HoldoutCell> cells = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement("SELECT arm, model_family, turn_kind, turns, output_tokens, "
                + "output_tokens_squared FROM output_holdout"); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                cells.add(new HoldoutCell(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6)));
            }
            return HoldoutTally.of(cells);
        } catch (SQLException e) {
            throw new HistoryStoreException("could not read the output holdout: " + e.getMessage(), e);
        }
    }

    private static void bindCounts(PreparedStatement s, int first, SavingsBucket b) throws SQLException {
        s.setLong(first, b.requests());
        s.setLong(first + 1, b.failed());
        s.setLong(first + 2, b.tokensBefore());
        s.setLong(first + 3, b.tokensAfter());
        s.setLong(first + 4, b.outputTokens());
        s.setLong(first + 5, b.costSavedNanos());
    }

    @Override
    public void close() {
        SqliteDatabase.closeQuietly(connection);
    }
}
