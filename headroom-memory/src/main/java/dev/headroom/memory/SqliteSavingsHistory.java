package dev.headroom.memory;

import dev.headroom.core.HeadroomHome;
import dev.headroom.spi.RequestRecord;
import dev.headroom.stats.HistoryRollup;
import dev.headroom.stats.HoldoutCell;
import dev.headroom.stats.HoldoutTally;
import dev.headroom.stats.SavingsBucket;
import dev.headroom.stats.SavingsHistory;
import dev.headroom.stats.SavingsTotals;
import dev.headroom.stats.Series;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * A {@link SavingsHistory} in a SQLite file, so savings survive restarts: one row per hour (UTC), days, weeks
 * and months summed from the hours, and a lifetime row that retention never shrinks.
 *
 * <ul>
 *   <li>Request threads never touch the file: {@link #record} queues the request's counts and a background
 *       writer adds them in short {@code BEGIN IMMEDIATE} transactions, one per batch. Only when the queue is
 *       full does the recording thread write itself (back-pressure rather than loss).</li>
 *   <li>Reads first write what is queued, so a recorded request is always visible to the next read.</li>
 *   <li>WAL journal and a busy timeout: several processes may share one file.</li>
 *   <li>Hours older than the retention (default 365 days, measured on the injected clock) are deleted on
 *       every write.</li>
 *   <li>A versioned schema with step-by-step migrations ({@link HistorySchema}).</li>
 *   <li>The output shaper's holdout tally, one row per arm and stratum, added in the same transactions.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} writes what is queued and closes the file.
 */
public final class SqliteSavingsHistory implements SavingsHistory {
    private static final System.Logger LOG = System.getLogger("dev.headroom");
    private static final int QUEUE_CAPACITY = 65_536;

    private record Pending(Instant at, SavingsBucket counts, Optional<HoldoutCell> holdout) {
    }

    private final Path file;
    private final Clock clock;
    private final Duration retention;
    private final ToLongFunction<RequestRecord> costSavedNanos;
    private final HistoryTables tables;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Semaphore wake = new Semaphore(0);
    private final Object writeLock = new Object();
    private final Thread writer;
    private volatile boolean closed;

    /** Opens (creating if needed) {@code file}, without prices, with the default retention. */
    public SqliteSavingsHistory(Path file) {
        this(file, Clock.systemUTC(), DEFAULT_RETENTION, r -> 0L);
    }

    /**
     * Opens (creating if needed) a history file.
     *
     * @param file           the database file; missing parent directories are created
     * @param clock          places records in hours and drives retention
     * @param retention      how long hourly rows are kept; positive
     * @param costSavedNanos dollars one request saved, in nano-dollars ({@code r -> 0L} without prices)
     * @throws HistoryStoreException when the file cannot be opened or has a newer schema
     */
    public SqliteSavingsHistory(Path file, Clock clock, Duration retention, ToLongFunction<RequestRecord> costSavedNanos) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.costSavedNanos = Objects.requireNonNull(costSavedNanos, "costSavedNanos");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        this.tables = HistoryTables.open(this.file);
        this.writer = new Thread(this::writeLoop, "headroom-history-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Opens {@link #defaultFile()} without prices, with the default retention. */
    public static SqliteSavingsHistory openDefault() {
        return new SqliteSavingsHistory(defaultFile());
    }

    /** The default file, beside the retrieval store: {@code history.db} in {@link HeadroomHome#directory()}. */
    public static Path defaultFile() {
        return HeadroomHome.file(SqliteSavingsHistoryFactory.FILE_NAME);
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    @Override
    public void record(RequestRecord record) {
        if (closed) {
            LOG.log(System.Logger.Level.WARNING, "savings history " + file + " is closed; request not recorded");
            return;
        }
        Instant now = clock.instant();
        Pending p = new Pending(now, SavingsBucket.of(Series.HOURLY.start(now), record, costSavedNanos.applyAsLong(record)),
                HoldoutCell.of(record));
        if (queue.offer(p)) {
            wake.release();
            return;
        }
        synchronized (writeLock) { // the writer is far behind: write this one here rather than lose it
            writePending(new ArrayList<>(List.of(p)));
        }
    }

    @Override
    public List<SavingsBucket> rollups(Series series, int periods) {
        Instant now = clock.instant();
        Instant from = HistoryRollup.windowStart(series, now, periods);
        Instant cutoff = now.minus(retention);
        synchronized (writeLock) {
            writePending(new ArrayList<>());
            List<SavingsBucket> hours = tables.hours(from.isAfter(cutoff) ? from : cutoff);
            return HistoryRollup.rollup(series, hours, now, periods);
        }
    }

    @Override
    public SavingsTotals lifetime() {
        synchronized (writeLock) {
            writePending(new ArrayList<>());
            return tables.lifetime();
        }
    }

    @Override
    public HoldoutTally holdout() {
        synchronized (writeLock) {
            writePending(new ArrayList<>());
            return tables.holdout();
        }
    }

    @Override
    public Duration retention() {
        return retention;
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (writeLock) {
            writePending(new ArrayList<>());
            tables.close();
        }
    }

    private void writeLoop() {
        while (!closed) {
            try {
                wake.acquire();
                wake.drainPermits();
            } catch (InterruptedException e) {
                return; // close() writes what is left
            }
            synchronized (writeLock) {
                if (closed) {
                    return;
                }
                try {
                    writePending(new ArrayList<>());
                } catch (HistoryStoreException e) {
                    LOG.log(System.Logger.Level.WARNING, e.getMessage());
                }
            }
        }
    }

    /** Writes {@code batch} plus everything queued, in one transaction; caller holds {@link #writeLock}. */
    private void writePending(List<Pending> batch) {
        queue.drainTo(batch);
        if (batch.isEmpty() && !tables.retentionDue(clock.instant())) {
            return;
        }
        List<SavingsBucket> counts = new ArrayList<>(batch.size());
        List<HoldoutCell> holdout = new ArrayList<>();
        Instant first = null;
        for (Pending p : batch) {
            counts.add(p.counts());
            p.holdout().ifPresent(holdout::add);
            first = first == null || p.at().isBefore(first) ? p.at() : first;
        }
        Instant now = clock.instant();
        try {
            tables.add(counts, holdout, first, now.minus(retention), now);
        } catch (SQLException e) {
            throw new HistoryStoreException("could not write " + batch.size() + " requests to " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** For tests: the open connection. */
    Connection connection() {
        return tables.connection();
    }
}
