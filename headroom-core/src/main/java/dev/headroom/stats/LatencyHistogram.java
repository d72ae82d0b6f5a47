package dev.headroom.stats;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded, lock-free histogram of durations in milliseconds with fixed log-spaced buckets (each 5% wider
 * than the last, from 0.01 ms to one hour). Percentiles are the upper bound of the bucket that holds them,
 * capped at the largest value seen, so they are deterministic for a given set of values and never more than
 * 5% above the true value. The count and sum are exact (the sum to the microsecond).
 */
final class LatencyHistogram {
    private static final double MIN_MILLIS = 0.01;
    private static final double GROWTH = 1.05;
    private static final int BUCKETS = 1 + (int) Math.ceil(StrictMath.log(3_600_000 / MIN_MILLIS) / StrictMath.log(GROWTH));

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);
    private final LongAdder count = new LongAdder();
    private final LongAdder sumMicros = new LongAdder();
    private final LongAccumulator maxMicros = new LongAccumulator(Math::max, 0);

    /** Adds one duration; negative and non-finite values are ignored. */
    void add(double millis) {
        if (!(millis >= 0) || Double.isInfinite(millis)) {
            return;
        }
        long micros = Math.round(millis * 1000);
        counts.incrementAndGet(bucketOf(millis));
        count.increment();
        sumMicros.add(micros);
        maxMicros.accumulate(micros);
    }

    /** Count, average, p50 and p99 in milliseconds (zeros when empty). */
    StatsSnapshot.Summary summary() {
        long n = count.sum();
        if (n == 0) {
            return new StatsSnapshot.Summary(0, 0, 0, 0);
        }
        double max = maxMicros.get() / 1000.0;
        return new StatsSnapshot.Summary(n, sumMicros.sum() / 1000.0 / n, percentile(0.50, max), percentile(0.99, max));
    }

    private double percentile(double q, double max) {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    private static int bucketOf(double millis) {
        if (millis <= MIN_MILLIS) {
            return 0;
        }
        int i = (int) Math.ceil(StrictMath.log(millis / MIN_MILLIS) / StrictMath.log(GROWTH));
        // guard against rounding at a boundary
        while (i > 0 && upperBound(i - 1) >= millis) {
            i--;
        }
        return Math.min(i, BUCKETS);
    }

    private static double upperBound(int bucket) {
        return bucket >= BUCKETS ? Double.MAX_VALUE : MIN_MILLIS * StrictMath.pow(GROWTH, bucket);
    }
}
