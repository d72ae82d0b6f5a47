package dev.headroom.stats;

import dev.headroom.spi.RequestRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * A {@link SavingsHistory} in memory, for {@code --stateless} and tests: nothing is written anywhere and
 * everything is gone when the process ends. At most {@code retention} worth of hourly buckets is kept.
 * Thread-safe; {@link #record} holds the lock only to add to one bucket.
 */
public final class InMemorySavingsHistory implements SavingsHistory {
    private final Clock clock;
    private final Duration retention;
    private final ToLongFunction<RequestRecord> costSavedNanos;
    private final TreeMap<Instant, SavingsBucket> hours = new TreeMap<>();
    private SavingsTotals lifetime = SavingsTotals.EMPTY;
    private HoldoutTally holdout = HoldoutTally.EMPTY;

    /** A history without prices, kept for {@link #DEFAULT_RETENTION}, on the system clock. */
    public InMemorySavingsHistory() {
        this(Clock.systemUTC(), DEFAULT_RETENTION, r -> 0L);
    }

    /**
     * @param clock          the time source that places records in hours and drives retention
     * @param retention      how long hourly buckets are kept; positive
     * @param costSavedNanos dollars one request saved, in nano-dollars ({@code r -> 0L} without prices)
     */
    public InMemorySavingsHistory(Clock clock, Duration retention, ToLongFunction<RequestRecord> costSavedNanos) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.costSavedNanos = Objects.requireNonNull(costSavedNanos, "costSavedNanos");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
    }

    @Override
    public void record(RequestRecord record) {
        Instant now = clock.instant();
        SavingsBucket one = SavingsBucket.of(Series.HOURLY.start(now), record, costSavedNanos.applyAsLong(record));
        java.util.Optional<HoldoutCell> turn = HoldoutCell.of(record);
        synchronized (this) {
            turn.ifPresent(t -> holdout = holdout.plus(t));
            hours.merge(one.start(), one, SavingsBucket::plus);
            lifetime = lifetime.plus(one, now);
            hours.headMap(now.minus(retention)).clear();
        }
    }

    @Override
    public List<SavingsBucket> rollups(Series series, int periods) {
        Instant now = clock.instant();
        synchronized (this) {
            hours.headMap(now.minus(retention)).clear();
            return HistoryRollup.rollup(series, hours.values(), now, periods);
        }
    }

    @Override
    public synchronized SavingsTotals lifetime() {
        return lifetime;
    }

    @Override
    public synchronized HoldoutTally holdout() {
        return holdout;
    }

    @Override
    public Duration retention() {
        return retention;
    }

    @Override
    public String location() {
        return "memory";
    }
}
