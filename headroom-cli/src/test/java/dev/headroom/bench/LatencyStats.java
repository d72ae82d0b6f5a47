package dev.headroom.bench;

import java.util.Arrays;

/** Count, nearest-rank p50/p99 and maximum of a set of latencies, in milliseconds. */
record LatencyStats(int n, double p50, double p99, double max) {
    static LatencyStats of(long[] nanos) {
        if (nanos.length == 0) {
            return new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] s = nanos.clone();
        Arrays.sort(s);
        return new LatencyStats(s.length, pct(s, 50) / 1e6, pct(s, 99) / 1e6, s[s.length - 1] / 1e6);
    }

    static LatencyStats ofMillis(double[] millis) {
        long[] ns = new long[millis.length];
        for (int i = 0; i < millis.length; i++) {
            ns[i] = Math.round(millis[i] * 1e6);
        }
        return of(ns);
    }

    /** Nearest-rank percentile. */
    static long pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
