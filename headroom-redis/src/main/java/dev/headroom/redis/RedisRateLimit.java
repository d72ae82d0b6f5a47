package dev.headroom.redis;

import dev.headroom.gateway.SharedRateLimit;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SharedRateLimit} in Redis: the two token buckets of a credential are hashes
 * {@code headroom:ratelimit:<credential hash>:requests} and {@code …:tokens}, updated by one Lua script, so a
 * check-and-take is atomic across every instance of a fleet. The script reads Redis's own clock
 * ({@code TIME}), so instances whose clocks differ still share one refill. Same arithmetic as the in-process
 * buckets: a bucket holds at most its per-minute capacity and refills at that rate; a cost above the capacity
 * waits for a full bucket; a refused request takes nothing. Idle buckets expire after two minutes (they are
 * full again by then).
 *
 * <p>While Redis is unreachable, {@link #tryAcquire} throws after counting {@code store_unavailable:rate_limit}
 * on the connection, and the proxy's own buckets decide.
 */
public final class RedisRateLimit implements SharedRateLimit {
    /** Reason code: the shared buckets could not be reached, so this instance's own decided. */
    public static final String UNAVAILABLE = "store_unavailable:rate_limit";
    static final String PREFIX = "headroom:ratelimit:";

    /** KEYS: requests bucket, tokens bucket. ARGV: requests per minute, tokens per minute, tokens. Returns the wait in ms, 0 when taken. */
    private static final RedisScript SCRIPT = new RedisScript("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local period = 60000
            local function level(key, cap)
              local v = redis.call('HMGET', key, 'u', 't')
              local units, at = tonumber(v[1]), tonumber(v[2])
              if units == nil then return cap * period end
              local elapsed = math.max(0, math.min(now - at, period))
              return math.min(units + elapsed * cap, cap * period)
            end
            local function cost(n, cap) return math.min(math.max(n, 0), cap) * period end
            local rcap, tcap, tokens = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            local r, k = level(KEYS[1], rcap), level(KEYS[2], tcap)
            local rwait = math.max(0, math.ceil((cost(1, rcap) - r) / rcap))
            local twait = math.max(0, math.ceil((cost(tokens, tcap) - k) / tcap))
            if rwait > 0 or twait > 0 then return math.max(rwait, twait) end
            redis.call('HSET', KEYS[1], 'u', r - cost(1, rcap), 't', now)
            redis.call('HSET', KEYS[2], 'u', k - cost(tokens, tcap), 't', now)
            redis.call('PEXPIRE', KEYS[1], 2 * period)
            redis.call('PEXPIRE', KEYS[2], 2 * period)
            return 0
            """);

    /** The script's SHA-1, so that a check sends 40 characters rather than the script (EVALSHA). */

    private final RedisConnection redis;
    private final FallbackCounts fallbacks;

    public RedisRateLimit(RedisConnection redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.fallbacks = redis.fallbackCounts();
        fallbacks.register(UNAVAILABLE);
    }

    @Override
    public Optional<Duration> tryAcquire(String credentialHash, long requestsPerMinute, long tokensPerMinute, long tokens) {
        Long waitMillis;
        try {
            RedisCommands<String, String> c = redis.commands()
                    .orElseThrow(() -> new IllegalStateException("redis unreachable"));
            String key = PREFIX + credentialHash;
            String[] keys = {key + ":requests", key + ":tokens"};
            String[] args = {Long.toString(requestsPerMinute), Long.toString(tokensPerMinute), Long.toString(Math.max(tokens, 0))};
            waitMillis = SCRIPT.run(c, ScriptOutputType.INTEGER, keys, args);
        } catch (RuntimeException e) {
            fallbacks.record(UNAVAILABLE);
            throw new RedisUnavailableException("could not reach the shared rate limit in " + redis.location(), e);
        }
        return waitMillis == null || waitMillis <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(waitMillis));
    }
}
