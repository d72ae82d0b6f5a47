package dev.headroom.stats;

import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Savings over time: a {@link StatsSink} that keeps one {@link SavingsBucket} per hour (UTC) and lifetime
 * {@link SavingsTotals}, and answers rollups per {@link Series}. The proxy serves it as
 * {@code /stats-history} without knowing where it is kept: {@link InMemorySavingsHistory} for
 * {@code --stateless}, a SQLite file ({@code dev.headroom.memory.SqliteSavingsHistory}) otherwise.
 *
 * <p>Hourly buckets older than {@link #retention()} are dropped; lifetime totals are kept regardless.
 * {@link #record} is called from request threads and must stay quick; a record is visible to the next
 * {@link #rollups} or {@link #lifetime} call made after {@code record} returned.
 *
 * <p>As a {@link LifetimeSavings} it is the source of {@code persistent_savings} in {@code /stats}, and of the
 * output shaper's {@link #holdout() holdout tally} behind {@code output_savings}: every record with a
 * {@link HoldoutCell#of counted turn} adds to its arm and stratum, kept like the lifetime totals.
 */
public interface SavingsHistory extends StatsSink, LifetimeSavings, AutoCloseable {
    /** Default retention of hourly buckets: 365 days. */
    Duration DEFAULT_RETENTION = Duration.ofDays(365);

    @Override
    default String name() {
        return "history";
    }

    /** Adds one request to the bucket of the current hour and to the lifetime totals. */
    @Override
    void record(RequestRecord record);

    /**
     * The buckets of the last {@code periods} periods of {@code series}, the current period included, oldest
     * first; periods without requests are left out.
     *
     * @throws IllegalArgumentException when {@code periods} is not positive
     */
    List<SavingsBucket> rollups(Series series, int periods);

    /** Everything recorded, retention notwithstanding. */
    SavingsTotals lifetime();

    /** {@link #lifetime()} for {@code /stats}; empty while nothing was recorded. */
    @Override
    default Optional<Totals> totals() {
        SavingsTotals t = lifetime();
        return t.since().map(since -> new Totals(since, t.requests(), t.tokensSaved(), t.costSavedNanos()));
    }

    /** How long hourly buckets are kept. */
    Duration retention();

    /** Where the history is kept, for reports: a file path or {@code "memory"}. */
    String location();

    /** Writes what is pending and releases resources; the default does nothing. */
    @Override
    default void close() {
    }
}
