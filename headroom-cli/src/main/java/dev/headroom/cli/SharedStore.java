package dev.headroom.cli;

import dev.headroom.gateway.BudgetLedger;
import dev.headroom.gateway.SharedRateLimits;
import dev.headroom.gateway.SharedResponseCache;
import dev.headroom.redis.RedisBudgetLedger;
import dev.headroom.redis.RedisConnection;
import dev.headroom.redis.RedisRateLimits;
import dev.headroom.redis.RedisResponseCache;
import dev.headroom.redis.RedisRetentionStore;
import dev.headroom.retention.RetentionStore;

import java.util.Optional;

/**
 * The proxy's {@code --store}: absent, the local defaults (SQLite files, or memory with {@code --stateless});
 * {@code redis://HOST:PORT/DB}, state shared by every proxy pointed at the same Redis.
 */
final class SharedStore {
    private final RedisConnection redis;
    private final RetentionStore retention;

    private SharedStore(RedisConnection redis) {
        this.redis = redis;
        this.retention = redis == null ? null : new RedisRetentionStore(redis, RedisRetentionStore.DEFAULT_TTL);
    }

    /**
     * @throws IllegalArgumentException when the URL is not {@code redis://...} or contradicts {@code --stateless}
     */
    static SharedStore open(String url, boolean stateless) {
        if (url == null || url.isBlank()) {
            return new SharedStore(null);
        }
        if (stateless) {
            throw new IllegalArgumentException("--store and --stateless contradict each other: choose one");
        }
        RedisConnection redis = RedisConnection.open(url.strip());
        Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "headroom-redis-close"));
        return new SharedStore(redis);
    }

    /** The shared retention store, when {@code --store} names one. */
    Optional<RetentionStore> retention() {
        return Optional.ofNullable(retention);
    }

    /** A ledger for the budget's spend shared by the fleet, when {@code --store} names one. */
    Optional<BudgetLedger> budgetLedger() {
        return redis == null ? Optional.empty() : Optional.of(new RedisBudgetLedger(redis));
    }

    /** Rate-limit buckets shared by the fleet, when {@code --store} names one. */
    Optional<SharedRateLimits> rateLimits() {
        return redis == null ? Optional.empty() : Optional.of(new RedisRateLimits(redis));
    }

    /** The response cache shared by the fleet, when {@code --store} names one. */
    Optional<SharedResponseCache> responseCache() {
        return redis == null ? Optional.empty() : Optional.of(new RedisResponseCache(redis));
    }

    /** The banner's description of the shared store. */
    Optional<String> describe() {
        return redis == null ? Optional.empty() : Optional.of(redis.location() + " (shared, TTL 24 h)");
    }
}
