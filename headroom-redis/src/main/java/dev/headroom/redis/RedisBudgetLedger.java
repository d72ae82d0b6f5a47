package dev.headroom.redis;

import dev.headroom.gateway.BudgetLedger;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@link BudgetLedger} in Redis, so that every proxy of a fleet charges and checks one spend per period: the
 * period's spend in nano-dollars under {@code headroom:budget:<period key>}, added with {@code INCRBY} (atomic
 * across instances) and kept for {@link #KEEP} after the last charge, longer than any period.
 *
 * <p>While Redis is unreachable a read or a charge throws {@link RedisUnavailableException}, which the
 * {@link dev.headroom.gateway.Budget} treats as "let the request pass" (fail open); each is counted as
 * {@code store_unavailable:budget} in the connection's fallbacks. The spend of those requests is not recorded.
 */
public final class RedisBudgetLedger implements BudgetLedger {
    /** Reason code: the shared spend could not be read or charged, so the request passed unchecked. */
    public static final String UNAVAILABLE = "store_unavailable:budget";
    /** How long a period's spend is kept after its last charge: beyond the longest period (a month). */
    static final Duration KEEP = Duration.ofDays(62);

    static final String PREFIX = "headroom:budget:";

    private final RedisConnection redis;

    public RedisBudgetLedger(RedisConnection redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
        redis.fallbacks().register(UNAVAILABLE);
    }

    @Override
    public long spentNanos(String periodKey) {
        try {
            String value = commands().get(PREFIX + periodKey);
            return value == null ? 0 : Long.parseLong(value);
        } catch (RuntimeException e) {
            throw unavailable("read the budget spend from", e);
        }
    }

    @Override
    public void add(String periodKey, long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("spend must not be negative");
        }
        try {
            RedisCommands<String, String> c = commands();
            c.incrby(PREFIX + periodKey, nanos);
            c.expire(PREFIX + periodKey, KEEP.toSeconds());
        } catch (RuntimeException e) {
            throw unavailable("charge the budget spend to", e);
        }
    }

    private RedisCommands<String, String> commands() {
        return redis.commands().orElseThrow(() -> new IllegalStateException("redis unreachable"));
    }

    private RedisUnavailableException unavailable(String what, RuntimeException cause) {
        redis.fallbacks().record(UNAVAILABLE);
        return new RedisUnavailableException("could not " + what + " " + redis.location(), cause);
    }

    @Override
    public String location() {
        return redis.location() + " (shared)";
    }
}
