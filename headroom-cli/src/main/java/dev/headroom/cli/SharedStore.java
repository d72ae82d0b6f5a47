package dev.headroom.cli;

import dev.headroom.redis.RedisConnection;
import dev.headroom.gateway.BudgetLedger;
import dev.headroom.gateway.SessionPrefixStore;
import dev.headroom.gateway.SharedRateLimit;
import dev.headroom.gateway.SharedResponseCache;
import dev.headroom.redis.RedisBudgetLedger;
import dev.headroom.redis.RedisRateLimit;
import dev.headroom.redis.RedisResponseCache;
import dev.headroom.redis.RedisRetentionStore;
import dev.headroom.redis.RedisSavingsHistory;
import dev.headroom.redis.RedisSessionPrefixStore;
import dev.headroom.retention.RetentionStore;
import dev.headroom.spi.RequestRecord;
import dev.headroom.stats.SavingsHistory;

import java.time.Duration;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The proxy's {@code --store}: absent, the local defaults (SQLite files, or memory with {@code --stateless});
 * {@code redis://HOST:PORT/DB}, state shared by every proxy pointed at the same Redis.
 */
final class SharedStore {
    private final RedisConnection redis;
    private final RetentionStore retention;
    private final BudgetLedger budget;
    private final SharedRateLimit rateLimit;
    private RedisSavingsHistory fleetHistory; // guarded by this

    private SharedStore(RedisConnection redis) {
        this.redis = redis;
        this.retention = redis == null ? null : new RedisRetentionStore(redis, RedisRetentionStore.DEFAULT_TTL);
        this.budget = redis == null ? null : new RedisBudgetLedger(redis);
        this.rateLimit = redis == null ? null : new RedisRateLimit(redis);
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
        SharedStore shared = new SharedStore(redis);
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "headroom-redis-close"));
        return shared;
    }

    /**
     * The savings history of every instance on the store ({@code /stats-history?scope=fleet}), when {@code --store}
     * names one; made on the first call. Its last counts are written on shutdown, before the connection closes.
     */
    synchronized Optional<SavingsHistory> fleetHistory(Duration retention, ToLongFunction<RequestRecord> costSavedNanos) {
        if (redis == null) {
            return Optional.empty();
        }
        if (fleetHistory == null) {
            fleetHistory = new RedisSavingsHistory(redis, retention, costSavedNanos);
        }
        return Optional.of(fleetHistory);
    }

    private void close() {
        RedisSavingsHistory history;
        synchronized (this) {
            history = fleetHistory;
        }
        if (history != null) {
            history.close();
        }
        redis.close();
    }

    /** The shared retention store, when {@code --store} names one. */
    Optional<RetentionStore> retention() {
        return Optional.ofNullable(retention);
    }

    /** The shared budget spend, when {@code --store} names a store (used only with {@code --budget}). */
    Optional<BudgetLedger> budgetLedger() {
        return Optional.ofNullable(budget);
    }

    /** The rate-limit buckets every instance shares, when {@code --store} names a store. */
    Optional<SharedRateLimit> rateLimit() {
        return Optional.ofNullable(rateLimit);
    }

    /** The response cache every instance shares, when {@code --store} names a store. */
    Optional<SharedResponseCache> responseCache() {
        return redis == null ? Optional.empty() : Optional.of(new RedisResponseCache(redis));
    }

    /** Cache mode's session prefixes every instance shares, when {@code --store} names a store. */
    Optional<SessionPrefixStore> sessionPrefixes() {
        return redis == null ? Optional.empty() : Optional.of(new RedisSessionPrefixStore(redis));
    }

    /** The banner's description of the shared store. */
    Optional<String> describe() {
        return redis == null ? Optional.empty() : Optional.of(redis.location() + " (shared, TTL 24 h)");
    }
}
