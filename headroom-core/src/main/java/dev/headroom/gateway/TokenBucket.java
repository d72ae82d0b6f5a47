package dev.headroom.gateway;

/**
 * A token bucket holding at most {@code capacity} tokens that refills at {@code capacity} per minute, in
 * exact integer arithmetic: one token is {@link #PERIOD_NANOS} units, and the bucket gains {@code capacity}
 * units per nanosecond. Not thread-safe; {@link RateLimiter} guards it.
 */
final class TokenBucket {
    static final long PERIOD_NANOS = 60_000_000_000L;
    /** Capacity bound that keeps every product below {@link Long#MAX_VALUE}. */
    static final long MAX_CAPACITY = 100_000_000L;

    private final long capacity;
    private long units;
    private long updatedNanos;

    /** A full bucket at {@code nowNanos}. */
    TokenBucket(long capacity, long nowNanos) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be in [1, " + MAX_CAPACITY + "], got " + capacity);
        }
        this.capacity = capacity;
        this.units = capacity * PERIOD_NANOS;
        this.updatedNanos = nowNanos;
    }

    /**
     * Nanoseconds until {@code tokens} are available (0 when they are now). A cost above the capacity is
     * treated as the capacity: such a request waits for a full bucket instead of never passing.
     */
    long waitNanos(long tokens, long nowNanos) {
        refill(nowNanos);
        long deficit = cost(tokens) - units;
        return deficit <= 0 ? 0 : (deficit + capacity - 1) / capacity;
    }

    /** Takes {@code tokens}; call only after {@link #waitNanos} returned 0 for the same time. */
    void take(long tokens) {
        units -= cost(tokens);
    }

    /** Whether the bucket has refilled completely by {@code nowNanos} (so forgetting it loses nothing). */
    boolean fullAt(long nowNanos) {
        refill(nowNanos);
        return units == capacity * PERIOD_NANOS;
    }

    private long cost(long tokens) {
        return Math.min(Math.max(tokens, 0), capacity) * PERIOD_NANOS;
    }

    private void refill(long nowNanos) {
        long elapsed = Math.min(Math.max(nowNanos - updatedNanos, 0), PERIOD_NANOS);
        units = Math.min(units + elapsed * capacity, capacity * PERIOD_NANOS);
        updatedNanos = Math.max(updatedNanos, nowNanos);
    }
}
