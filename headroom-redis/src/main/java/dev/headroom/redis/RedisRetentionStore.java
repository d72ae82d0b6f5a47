package dev.headroom.redis;

import dev.headroom.retention.ContentHash;
import dev.headroom.retention.RetentionStore;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RetentionStore} in Redis, so that every proxy of a fleet redeems the markers any of them emitted.
 * An original lives under {@code headroom:retention:<content hash>} with a TTL, renewed when it is stored again.
 *
 * <p>While Redis is unreachable, {@link #available()} is false (the engine then compresses losslessly, without
 * markers), a failed write throws (the gateway forwards that request unchanged) and a failed read finds nothing;
 * each is counted in {@link #fallbacks()}: {@code store_unavailable:retention} for a request compressed without
 * markers or a failed write, {@code store_unavailable:retention_read} for a lookup that could not be made.
 */
public final class RedisRetentionStore implements RetentionStore {
    /** Reason code: an original could not be stored, so the request carried no marker. */
    public static final String UNAVAILABLE = "store_unavailable:retention";
    /** Reason code: an original could not be read back. */
    public static final String UNAVAILABLE_READ = "store_unavailable:retention_read";
    /** Default time to live, as for the SQLite store: 24 hours. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);

    static final String PREFIX = "headroom:retention:";

    private final RedisConnection redis;
    private final Duration ttl;
    private final FallbackCounts fallbacks;

    public RedisRetentionStore(RedisConnection redis, Duration ttl) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.fallbacks = redis.fallbackCounts();
        fallbacks.register(UNAVAILABLE, UNAVAILABLE_READ);
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.toSeconds() < 1) {
            throw new IllegalArgumentException("ttl must be at least one second");
        }
    }

    @Override
    public String put(String original) {
        String hash = ContentHash.of(original);
        Optional<RedisCommands<String, String>> commands = redis.commands();
        try {
            commands.orElseThrow(() -> new IllegalStateException("redis unreachable"))
                    .set(PREFIX + hash, original, SetArgs.Builder.ex(ttl.toSeconds()));
        } catch (RuntimeException e) {
            fallbacks.record(UNAVAILABLE);
            throw new RedisUnavailableException("could not store an original in " + redis.location(), e);
        }
        return hash;
    }

    @Override
    public Optional<String> get(String hash) {
        if (!ContentHash.isValid(hash)) {
            return Optional.empty();
        }
        try {
            Optional<RedisCommands<String, String>> commands = redis.commands();
            if (commands.isEmpty()) {
                fallbacks.record(UNAVAILABLE_READ);
                return Optional.empty();
            }
            return Optional.ofNullable(commands.get().get(PREFIX + hash));
        } catch (RuntimeException e) {
            fallbacks.record(UNAVAILABLE_READ);
            return Optional.empty();
        }
    }

    @Override
    public boolean available() {
        if (redis.commands().isPresent()) {
            return true;
        }
        fallbacks.record(UNAVAILABLE);
        return false;
    }

    /** The fallbacks of every store on this store's Redis connection (budget included), by reason code. */
    @Override
    public Map<String, Long> fallbacks() {
        return fallbacks.snapshot();
    }

    @Override
    public String location() {
        return redis.location();
    }
}
