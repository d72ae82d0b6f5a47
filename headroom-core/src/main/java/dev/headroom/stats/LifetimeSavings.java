package dev.headroom.stats;

import java.time.Instant;
import java.util.Optional;

/**
 * Savings totals that survive restarts, shown as {@code persistent_savings} in {@code /stats}. Implemented
 * by a persistent history store (for example a SQLite savings history); without one, or when it has nothing
 * yet, {@link #totals()} is empty and {@code persistent_savings} is left out.
 */
@FunctionalInterface
public interface LifetimeSavings {

    /** The lifetime totals, or empty when none are kept. */
    Optional<Totals> totals();

    /**
     * The output shaper's holdout, by arm and stratum, as kept with these totals (so it survives restarts when they
     * do); the default keeps none.
     */
    default HoldoutTally holdout() {
        return HoldoutTally.EMPTY;
    }

    /**
     * @param since           when the first request was recorded
     * @param requests        requests recorded
     * @param tokensSaved     tokens removed by compression
     * @param costSavedNanos  dollars saved, in nano-dollars (1e-9 USD)
     */
    record Totals(Instant since, long requests, long tokensSaved, long costSavedNanos) {
    }
}
