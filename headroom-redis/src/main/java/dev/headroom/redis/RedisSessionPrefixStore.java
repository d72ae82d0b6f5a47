package dev.headroom.redis;

import dev.headroom.gateway.SessionPrefixStore;
import dev.headroom.retention.ContentHash;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cache mode's session prefixes in Redis, so that a turn landing on any proxy of a fleet replays, byte-for-byte,
 * what another forwarded for the turn before. One key per session, {@code headroom:session:<hash of the session
 * key>}, holds a compact JSON value of at most {@link #MAX_VALUE_BYTES} (a longer conversation keeps only its
 * leading items that fit; later items are compressed afresh on the next turn).
 *
 * <p>Lifetime: the forwarded items carry retrieval markers whose originals live in the shared retention store
 * for {@link RedisRetentionStore#DEFAULT_TTL}, stored when the items were first compressed. A replayed item is not
 * compressed again, so its originals are not renewed; a session therefore lives {@link #DEFAULT_TTL} from its
 * first turn, and later saves keep that expiry rather than renew it. A prefix never outlives the originals its
 * markers point to; the turn after it expires is compressed afresh (new markers, one prompt-cache miss).
 *
 * <p>While Redis is unreachable, {@link #load} finds nothing (the turn is compressed as a session with no known
 * prefix) and {@link #save} drops the items; never an exception. Each is counted as
 * {@code store_unavailable:session} in the connection's fallbacks.
 */
public final class RedisSessionPrefixStore implements SessionPrefixStore {
    /** Reason code: a session prefix could not be read or written, so the turn was compressed without one. */
    public static final String UNAVAILABLE = "store_unavailable:session";
    /** Largest value stored per session: 2 MiB of JSON. */
    public static final int MAX_VALUE_BYTES = 2 * 1024 * 1024;
    /** How long a session lives from its first turn: an hour under the retention store's 24 h. */
    public static final Duration DEFAULT_TTL = RedisRetentionStore.DEFAULT_TTL.minusHours(1);

    static final String PREFIX = "headroom:session:";

    /** KEYS: the session. ARGV: value, TTL in ms for a new session. Keeps a live session's expiry; returns it in ms. */
    private static final RedisScript SCRIPT = new RedisScript("""
            local left = redis.call('PTTL', KEYS[1])
            if left <= 0 then left = tonumber(ARGV[2]) end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', left)
            return left
            """);

    private final RedisConnection redis;
    private final Duration ttl;
    private final int maxValueBytes;
    private final FallbackCounts fallbacks;

    /** A store with {@link #DEFAULT_TTL} and {@link #MAX_VALUE_BYTES}. */
    public RedisSessionPrefixStore(RedisConnection redis) {
        this(redis, DEFAULT_TTL, MAX_VALUE_BYTES);
    }

    /**
     * @param ttl           how long a session lives from its first turn (at least a second)
     * @param maxValueBytes largest value stored per session (at least 64 bytes)
     */
    public RedisSessionPrefixStore(RedisConnection redis, Duration ttl, int maxValueBytes) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.toSeconds() < 1 || maxValueBytes < 64) {
            throw new IllegalArgumentException("ttl must be at least one second and maxValueBytes at least 64");
        }
        this.maxValueBytes = maxValueBytes;
        this.fallbacks = redis.fallbackCounts();
        fallbacks.register(UNAVAILABLE);
    }

    @Override
    public List<Item> load(String sessionKey) {
        String value;
        try {
            Optional<RedisCommands<String, String>> commands = redis.commands();
            if (commands.isEmpty()) {
                fallbacks.record(UNAVAILABLE);
                return List.of();
            }
            value = commands.get().get(key(sessionKey));
        } catch (RuntimeException e) {
            fallbacks.record(UNAVAILABLE);
            return List.of();
        }
        return value == null ? List.of() : SessionPrefixCodec.decode(value);
    }

    @Override
    public void save(String sessionKey, List<Item> items) {
        String[] keys = {key(sessionKey)};
        String[] args = {SessionPrefixCodec.encode(items, maxValueBytes), Long.toString(ttl.toMillis())};
        try {
            RedisCommands<String, String> c = redis.commands().orElseThrow(() -> new IllegalStateException("redis unreachable"));
            SCRIPT.run(c, ScriptOutputType.INTEGER, keys, args);
        } catch (RuntimeException e) {
            fallbacks.record(UNAVAILABLE);
        }
    }

    /** The Redis key of a session: the session key is a client's header or a hash, so it is hashed to bound it. */
    static String key(String sessionKey) {
        return PREFIX + ContentHash.of(sessionKey);
    }
}
