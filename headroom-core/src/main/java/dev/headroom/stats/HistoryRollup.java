package dev.headroom.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sums hourly {@link SavingsBucket}s into the periods of a {@link Series}; shared by every history. */
public final class HistoryRollup {
    private HistoryRollup() {
    }

    /**
     * The first instant of a window of {@code periods} periods of {@code series} that ends with the period
     * containing {@code now}.
     *
     * @throws IllegalArgumentException when {@code periods} is not positive
     */
    public static Instant windowStart(Series series, Instant now, int periods) {
        if (periods <= 0) {
            throw new IllegalArgumentException("periods must be positive, got " + periods);
        }
        return series.minus(series.start(now), periods - 1L);
    }

    /**
     * The non-empty periods of {@code series} within the window of {@code periods} periods ending at
     * {@code now}, oldest first.
     */
    public static List<SavingsBucket> rollup(Series series, Collection<SavingsBucket> hourly, Instant now, int periods) {
        Instant from = windowStart(series, now, periods);
        Map<Instant, SavingsBucket> sums = new TreeMap<>();
        for (SavingsBucket h : hourly) {
            if (h.start().isBefore(from) || h.requests() == 0) {
                continue;
            }
            Instant start = series.start(h.start());
            sums.merge(start, h.at(start), SavingsBucket::plus);
        }
        return new ArrayList<>(sums.values());
    }
}
