package dev.headroom.tokens;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The counter of each tokenizer family, made on first use: a family's encoding is loaded only when a request for
 * one of its models arrives. {@code o200k_base} alone is ~27 MB of small objects on the heap, which every full
 * collection has to mark (about 50 ms of each full GC with the serial collector); a proxy that only sees Claude
 * models never loads it. Counters are sampled above {@link SampledTokenCounter#EXACT_LIMIT} and, unless
 * {@code memoEntries} is 0, remember the counts of recent texts. Thread-safe.
 */
public final class FamilyCounters {
    private final int memoEntries;
    private final AtomicReferenceArray<TokenCounter> made = new AtomicReferenceArray<>(TokenizerFamily.values().length);

    /** @param memoEntries texts whose counts each family's counter remembers; 0 for none */
    public FamilyCounters(int memoEntries) {
        if (memoEntries < 0) {
            throw new IllegalArgumentException("memoEntries must not be negative, got " + memoEntries);
        }
        this.memoEntries = memoEntries;
    }

    /** The counter of {@code family}, made (and its encoding loaded) the first time it is asked for. */
    public TokenCounter get(TokenizerFamily family) {
        TokenCounter counter = made.get(family.ordinal());
        if (counter != null) {
            return counter;
        }
        TokenCounter sampled = new SampledTokenCounter(JtokkitTokenCounter.of(family));
        TokenCounter fresh = memoEntries == 0 ? sampled : new MemoizingTokenCounter(sampled, memoEntries);
        return made.compareAndSet(family.ordinal(), null, fresh) ? fresh : made.get(family.ordinal());
    }

    /** Whether the counter of {@code family} has been made. */
    public boolean loaded(TokenizerFamily family) {
        return made.get(family.ordinal()) != null;
    }
}
