package dev.headroom.memory;

import dev.headroom.gateway.BudgetLedger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A {@link BudgetLedger} in the savings-history file ({@link SqliteSavingsHistory#defaultFile()}), table
 * {@code budget_spend} (schema version 3 of {@link HistorySchema}), so a budget's spend survives restarts.
 *
 * <p>It has its own connection to the file (WAL, busy timeout, like the history's). Each addition is one
 * {@code INSERT … ON CONFLICT DO UPDATE SET spent_nanos = spent_nanos + …}, atomic in SQLite, so no
 * concurrent addition is lost, also between processes sharing the file; reads go to the file, so such
 * processes see each other's spend. One row per period; rows are small and kept.
 *
 * <p>Thread-safe. Failures are {@link HistoryStoreException}s.
 */
public final class SqliteBudgetLedger implements BudgetLedger {
    private final Path file;
    private final HistoryTables tables;
    private final Connection connection;
    private boolean closed;

    /**
     * Opens (creating and migrating if needed) the file.
     *
     * @throws HistoryStoreException when it cannot be opened or has a newer schema
     */
    public SqliteBudgetLedger(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.tables = HistoryTables.open(this.file);
        this.connection = tables.connection();
    }

    @Override
    public synchronized long spentNanos(String periodKey) {
        ensureOpen();
        try (PreparedStatement q = connection.prepareStatement("SELECT spent_nanos FROM budget_spend WHERE period_key = ?")) {
            q.setString(1, periodKey);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        } catch (SQLException e) {
            throw new HistoryStoreException("could not read the budget spend from " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void add(String periodKey, long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("spend must not be negative");
        }
        ensureOpen();
        if (nanos == 0) {
            return;
        }
        try (PreparedStatement up = connection.prepareStatement("INSERT INTO budget_spend (period_key, spent_nanos) "
                + "VALUES (?, ?) ON CONFLICT (period_key) DO UPDATE SET spent_nanos = spent_nanos + excluded.spent_nanos")) {
            up.setString(1, periodKey);
            up.setLong(2, nanos);
            up.executeUpdate();
        } catch (SQLException e) {
            throw new HistoryStoreException("could not add budget spend to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String location() {
        return file.toString();
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        closed = true;
        tables.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new HistoryStoreException("budget ledger " + file + " is closed", null);
        }
    }
}
