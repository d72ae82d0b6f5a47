package dev.headroom.sqlite;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How every Headroom store opens its SQLite file, so that several processes (or several instances in one
 * process) can share it:
 *
 * <ul>
 *   <li>WAL journal with {@code synchronous=NORMAL}: readers never block the writer;</li>
 *   <li>a {@value #BUSY_TIMEOUT_MILLIS} ms busy timeout, and {@code BEGIN IMMEDIATE} for every transaction,
 *       so writers queue for the lock instead of failing with {@code SQLITE_BUSY} half way;</li>
 *   <li>an open that meets a lock SQLite does not wait for (processes creating the file at the same moment,
 *       the switch to WAL) is tried again, briefly, up to {@value #OPEN_ATTEMPTS} times;</li>
 *   <li>the file is migrated to its {@link SqliteSchema} before the connection is handed out.</li>
 * </ul>
 *
 * A connection is not thread-safe: the store that owns it uses it under its own lock.
 */
public final class SqliteDatabase {
    /** How long a statement waits for another connection's lock. */
    public static final int BUSY_TIMEOUT_MILLIS = 15_000;
    /** How many times an open that meets {@code SQLITE_BUSY} (or another transient error) is tried. */
    public static final int OPEN_ATTEMPTS = 20;

    private SqliteDatabase() {
    }

    /**
     * Opens (creating it and missing parent directories if needed) and migrates {@code file}.
     *
     * @param errors makes the store's own exception for every failure
     * @throws RuntimeException from {@code errors} when the file cannot be opened or has a newer schema
     */
    public static Connection open(Path file, SqliteSchema schema, SqliteErrors errors) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw errors.error("could not create the directory of " + file, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        for (int attempt = 1; ; attempt++) {
            Connection c = null;
            try {
                c = config.createConnection("jdbc:sqlite:" + file);
                schema.migrate(c, file, errors);
                return c;
            } catch (SQLException e) {
                closeQuietly(c);
                if (!isTransient(e) || attempt == OPEN_ATTEMPTS) {
                    throw errors.error("could not open " + file + ": " + e.getMessage(), e);
                }
            } catch (RuntimeException e) {
                closeQuietly(c);
                throw e;
            }
            try {
                Thread.sleep(20L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw errors.error("interrupted while opening " + file, e);
            }
        }
    }

    /**
     * Runs {@code work} in one transaction on a connection from {@link #open} (so it begins
     * {@code IMMEDIATE}): committed when it returns, rolled back when it throws. The connection is back in
     * auto-commit mode afterwards.
     */
    public static void transaction(Connection c, SqlWork work) throws SQLException {
        c.setAutoCommit(false); // the next statement begins an IMMEDIATE transaction
        try {
            work.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Closes {@code c} (null is fine), ignoring a failure: for paths that already report a better one. */
    public static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // best effort
            }
        }
    }

    /**
     * Busy or locked, or the journal race of connections opening a new file at once: one switches the file to
     * WAL and deletes its rollback journal while another looks for it ({@code SQLITE_IOERR_DELETE_NOENT}).
     */
    private static boolean isTransient(SQLException e) {
        int base = e.getErrorCode() & 0xff;
        return base == SQLiteErrorCode.SQLITE_BUSY.code || base == SQLiteErrorCode.SQLITE_LOCKED.code
                || e instanceof org.sqlite.SQLiteException se && se.getResultCode() == SQLiteErrorCode.SQLITE_IOERR_DELETE_NOENT;
    }
}
