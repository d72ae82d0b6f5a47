package dev.headroom.pipeline;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pauses a compressor that keeps failing. After {@code threshold} consecutive failures the compressor is
 * skipped for the next {@code pauseUnits} units it would have been offered, then tried again; one success
 * closes the breaker. Counting units instead of time keeps the pipeline free of clocks.
 */
public final class CircuitBreaker {
    private final int threshold;
    private final int pauseUnits;
    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    private static final class State {
        final AtomicInteger consecutiveFailures = new AtomicInteger();
        final AtomicInteger pausedFor = new AtomicInteger();
    }

    public CircuitBreaker(int threshold, int pauseUnits) {
        if (threshold < 1 || pauseUnits < 0) {
            throw new IllegalArgumentException("threshold must be ≥ 1 and pauseUnits ≥ 0");
        }
        this.threshold = threshold;
        this.pauseUnits = pauseUnits;
    }

    /** Whether the compressor may run now; a paused compressor uses up one unit of its pause. */
    public boolean allow(String compressor) {
        State state = states.get(compressor);
        if (state == null) {
            return true;
        }
        return state.pausedFor.getAndUpdate(n -> n > 0 ? n - 1 : 0) <= 0;
    }

    public void recordSuccess(String compressor) {
        State state = states.get(compressor);
        if (state != null) {
            state.consecutiveFailures.set(0);
        }
    }

    public void recordFailure(String compressor) {
        State state = states.computeIfAbsent(compressor, k -> new State());
        if (state.consecutiveFailures.incrementAndGet() >= threshold) {
            state.consecutiveFailures.set(0);
            state.pausedFor.set(pauseUnits);
        }
    }

    /** Whether the compressor is currently paused. */
    public boolean isOpen(String compressor) {
        State state = states.get(compressor);
        return state != null && state.pausedFor.get() > 0;
    }
}
