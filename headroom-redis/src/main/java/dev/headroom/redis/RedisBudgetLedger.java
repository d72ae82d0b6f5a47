package dev.headroom.redis;

import dev.headroom.gateway.BudgetLedger;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link BudgetLedger} in Redis, so that every proxy of a fleet spends from one budget: a period's spend is
 * the integer {@code headroom:budget:<period key>} in nano-dollars, added to with {@code INCRBY} (atomic across
 * instances) and kept for {@link #KEEP} after its first addition (longer than any period).
 *
 * <p>While Redis is unreachable, reading or adding throws {@link RedisUnavailableException} after counting
 * {@code store_unavailable:budget} on the connection; {@link dev.headroom.gateway.Budget} then lets the
 * request pass (a budget that cannot be read never refuses), and the spend of that request is not recorded.
 */
public final class RedisBudgetLedger implements BudgetLedger {
    /** Reason code: the shared budget could not be read or charged. */
    public static final String UNAVAILABLE = "store_unavailable:budget";
    /** How long a period's spend is kept after its first addition (longer than the longest period, a month). */
    static final Duration KEEP = Duration.ofDays(40);
    static final String PREFIX = "headroom:budget:";

    private final RedisConnection redis;
    private final FallbackCounts fallbacks;

    public RedisBudgetLedger(RedisConnection redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.fallbacks = redis.fallbackCounts();
        fallbacks.register(UNAVAILABLE);
    }

    @Override
    public long spentNanos(String periodKey) {
        try {
            String value = commands().get(PREFIX + periodKey);
            return value == null ? 0 : Long.parseLong(value);
        } catch (RuntimeException e) {
            fallbacks.record(UNAVAILABLE);
            throw new RedisUnavailableException("could not read the shared budget in " + redis.location(), e);
        }
    }

    @Override
    public void add(String periodKey, long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("nanos must not be negative");
        }
        try {
            RedisCommands<String, String> c = commands();
            if (c.incrby(PREFIX + periodKey, nanos) == nanos) { // the period's first charge: one round trip after it
                c.expire(PREFIX + periodKey, KEEP.toSeconds());
            }
        } catch (RuntimeException e) {
            fallbacks.record(UNAVAILABLE);
            throw new RedisUnavailableException("could not charge the shared budget in " + redis.location(), e);
        }
    }

    @Override
    public String location() {
        return redis.location() + " (shared)";
    }

    private RedisCommands<String, String> commands() {
        Optional<RedisCommands<String, String>> c = redis.commands();
        return c.orElseThrow(() -> new IllegalStateException("redis unreachable"));
    }
}
