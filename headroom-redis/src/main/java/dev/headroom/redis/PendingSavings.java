package dev.headroom.redis;

import dev.headroom.stats.SavingsBucket;

import java.util.Map;
import java.util.TreeMap;

/**
 * Savings recorded by this instance and not yet written to Redis: counts per UTC hour (by epoch hour), the same
 * counts in total (for the lifetime totals) and when the earliest of them was recorded. Not thread-safe: the
 * history guards it.
 */
final class PendingSavings {
    /** The counts kept per hour and in total, in this order; also the Redis hash fields. */
    static final String[] FIELDS = {"requests", "failed", "tokens_before", "tokens_after", "output_tokens", "cost_saved_nanos"};

    private final TreeMap<Long, long[]> hours = new TreeMap<>();
    private final long[] total = new long[FIELDS.length];
    private long sinceMillis = Long.MAX_VALUE;

    /** Adds one request's bucket to the hour it starts and to the total. */
    void add(long epochHour, SavingsBucket one, long atMillis) {
        long[] counts = counts(one);
        long[] hour = hours.computeIfAbsent(epochHour, h -> new long[FIELDS.length]);
        for (int i = 0; i < counts.length; i++) {
            hour[i] += counts[i];
            total[i] += counts[i];
        }
        sinceMillis = Math.min(sinceMillis, atMillis);
    }

    /**
     * Forgets the counts of the oldest hour, keeping them in the total (so lifetime totals stay whole); for an
     * outage long enough to exceed the bound on pending hours.
     */
    void dropOldestHour() {
        hours.pollFirstEntry();
    }

    boolean isEmpty() {
        return total[0] == 0;
    }

    int hourCount() {
        return hours.size();
    }

    /** The counts per epoch hour, oldest first; owned by this object. */
    Map<Long, long[]> hours() {
        return hours;
    }

    /** The counts of every hour together, including hours since dropped. */
    long[] total() {
        return total;
    }

    /** When the earliest pending request was recorded, in epoch milliseconds; {@code Long.MAX_VALUE} when none. */
    long sinceMillis() {
        return sinceMillis;
    }

    private static long[] counts(SavingsBucket b) {
        return new long[]{b.requests(), b.failed(), b.tokensBefore(), b.tokensAfter(), b.outputTokens(), b.costSavedNanos()};
    }
}
