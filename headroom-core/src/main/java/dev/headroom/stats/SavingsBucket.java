package dev.headroom.stats;

import dev.headroom.spi.RequestRecord;

import java.time.Instant;
import java.util.Objects;

/**
 * The savings of one period of a {@link Series}: the stored grain is one hour, and days, weeks and months are
 * sums of hours.
 *
 * @param start          when the period starts (UTC)
 * @param requests       requests completed in the period
 * @param failed         of which answered with a status of 400 or more
 * @param tokensBefore   request tokens before compression
 * @param tokensAfter    request tokens after compression
 * @param outputTokens   output tokens the provider reported
 * @param costSavedNanos dollars saved, in nano-dollars (1e-9 USD); 0 when no prices are known
 */
public record SavingsBucket(Instant start, long requests, long failed, long tokensBefore, long tokensAfter,
                            long outputTokens, long costSavedNanos) {

    public SavingsBucket {
        Objects.requireNonNull(start, "start");
        if (requests < 0 || failed < 0 || failed > requests || tokensBefore < 0 || tokensAfter < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("counts must not be negative, failed at most requests");
        }
    }

    /**
     * One request, in the bucket that starts at {@code start}; a request that was not
     * {@link RequestRecord#answered() answered} adds no tokens before or after compression, and no dollars saved.
     */
    public static SavingsBucket of(Instant start, RequestRecord r, long costSavedNanos) {
        boolean answered = r.answered();
        return new SavingsBucket(start, 1, r.status() >= 400 ? 1 : 0, answered ? r.tokensBefore() : 0,
                answered ? r.tokensAfter() : 0, r.usage().outputTokens(), answered ? costSavedNanos : 0);
    }

    /** Tokens removed by compression. */
    public long tokensSaved() {
        return tokensBefore - tokensAfter;
    }

    /** This bucket's counts plus {@code other}'s, under this bucket's start. */
    public SavingsBucket plus(SavingsBucket other) {
        return new SavingsBucket(start, requests + other.requests, failed + other.failed,
                tokensBefore + other.tokensBefore, tokensAfter + other.tokensAfter,
                outputTokens + other.outputTokens, costSavedNanos + other.costSavedNanos);
    }

    /** The same counts under another start. */
    public SavingsBucket at(Instant newStart) {
        return new SavingsBucket(newStart, requests, failed, tokensBefore, tokensAfter, outputTokens, costSavedNanos);
    }
}
