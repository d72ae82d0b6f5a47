package dev.headroom.stats;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Lifetime savings of a {@link SavingsHistory}: everything ever recorded, including what retention has since
 * removed from the hourly buckets.
 *
 * @param since          when the first request was recorded; empty when none was
 * @param requests       requests recorded
 * @param failed         of which answered with a status of 400 or more
 * @param tokensBefore   request tokens before compression
 * @param tokensAfter    request tokens after compression
 * @param outputTokens   output tokens the providers reported
 * @param costSavedNanos dollars saved, in nano-dollars (1e-9 USD); 0 when no prices are known
 */
public record SavingsTotals(Optional<Instant> since, long requests, long failed, long tokensBefore,
                            long tokensAfter, long outputTokens, long costSavedNanos) {
    /** Nothing recorded. */
    public static final SavingsTotals EMPTY = new SavingsTotals(Optional.empty(), 0, 0, 0, 0, 0, 0);

    public SavingsTotals {
        Objects.requireNonNull(since, "since");
    }

    /** Tokens removed by compression. */
    public long tokensSaved() {
        return tokensBefore - tokensAfter;
    }

    /** These totals plus one bucket's counts; {@code since} becomes the bucket's start when it was empty. */
    public SavingsTotals plus(SavingsBucket b, Instant at) {
        return new SavingsTotals(since.isPresent() ? since : Optional.of(at), requests + b.requests(),
                failed + b.failed(), tokensBefore + b.tokensBefore(), tokensAfter + b.tokensAfter(),
                outputTokens + b.outputTokens(), costSavedNanos + b.costSavedNanos());
    }
}
