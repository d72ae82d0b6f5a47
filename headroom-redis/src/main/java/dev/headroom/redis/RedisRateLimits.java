package dev.headroom.redis;

import dev.headroom.gateway.SharedRateLimits;
import io.lettuce.core.ScriptOutputType;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-credential token buckets in Redis, shared by every proxy of a fleet: one hash per bucket
 * ({@code headroom:ratelimit:<credential hash>:requests|tokens}, fields {@code level} and {@code at}), refilled
 * and charged by one Lua script ({@link #SCRIPT}) so that both buckets are checked and taken atomically, on
 * Redis's own clock (instances need not agree on the time). Idle buckets expire once they would be full again.
 *
 * <p>While Redis is unreachable {@link #tryAcquire} throws; the {@link dev.headroom.gateway.RateLimiter} then
 * limits that request with its own buckets, and the fallback is counted as {@code store_unavailable:rate_limit}.
 */
public final class RedisRateLimits implements SharedRateLimits {
    /** Reason code: the shared buckets could not be reached, so the instance's own limited the request. */
    public static final String UNAVAILABLE = "store_unavailable:rate_limit";

    static final String PREFIX = "headroom:ratelimit:";

    /**
     * KEYS: the requests bucket, the tokens bucket. ARGV: requests per minute, tokens per minute, the request's
     * tokens. Returns 0 when admitted (both charged), otherwise the wait in milliseconds (at least 1).
     */
    static final String SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local function level(key, cap)
              local v = redis.call('HMGET', key, 'level', 'at')
              local lvl, at = tonumber(v[1]), tonumber(v[2])
              if lvl == nil or at == nil then return cap end
              return math.min(cap, lvl + math.max(0, now - at) * cap / 60000)
            end
            local rcap, tcap = tonumber(ARGV[1]), tonumber(ARGV[2])
            local cost = math.min(math.max(tonumber(ARGV[3]), 0), tcap)
            local r, k = level(KEYS[1], rcap), level(KEYS[2], tcap)
            local wait = 0
            if r < 1 then wait = math.max(wait, (1 - r) * 60000 / rcap) end
            if k < cost then wait = math.max(wait, (cost - k) * 60000 / tcap) end
            if wait > 0 then return math.max(1, math.ceil(wait)) end
            redis.call('HSET', KEYS[1], 'level', tostring(r - 1), 'at', tostring(now))
            redis.call('HSET', KEYS[2], 'level', tostring(k - cost), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], 60000)
            redis.call('PEXPIRE', KEYS[2], 60000)
            return 0
            """;

    private final RedisConnection redis;

    public RedisRateLimits(RedisConnection redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
        redis.fallbacks().register(UNAVAILABLE);
    }

    @Override
    public Optional<Duration> tryAcquire(String credentialHash, long tokens, long requestsPerMinute, long tokensPerMinute) {
        String key = PREFIX + credentialHash;
        Long waitMillis;
        try {
            waitMillis = redis.commands().orElseThrow(() -> new IllegalStateException("redis unreachable"))
                    .eval(SCRIPT, ScriptOutputType.INTEGER, new String[] {key + ":requests", key + ":tokens"},
                            Long.toString(requestsPerMinute), Long.toString(tokensPerMinute), Long.toString(tokens));
        } catch (RuntimeException e) {
            redis.fallbacks().record(UNAVAILABLE);
            throw new RedisUnavailableException("could not reach the shared rate limits in " + redis.location(), e);
        }
        return waitMillis == null || waitMillis <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(waitMillis));
    }

    @Override
    public String location() {
        return redis.location();
    }
}
