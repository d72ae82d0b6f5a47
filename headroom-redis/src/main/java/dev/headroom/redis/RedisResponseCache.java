package dev.headroom.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.gateway.Headers;
import dev.headroom.gateway.ResponseCache;
import dev.headroom.gateway.SharedResponseCache;
import dev.headroom.wire.JsonCodec;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The response cache in Redis, so that every proxy of a fleet replays an answer any of them stored: one JSON
 * value per cache key ({@code headroom:cache:<key>}: status, headers, body in base64) with the cache's TTL.
 *
 * <p>While Redis is unreachable each call throws {@link RedisUnavailableException}; the
 * {@link ResponseCache} then uses its own entries, and the fallback is counted as
 * {@code store_unavailable:response_cache} in the connection's fallbacks.
 */
public final class RedisResponseCache implements SharedResponseCache {
    /** Reason code: the shared cache could not be reached, so the instance's own entries were used. */
    public static final String UNAVAILABLE = "store_unavailable:response_cache";

    static final String PREFIX = "headroom:cache:";

    private final RedisConnection redis;

    public RedisResponseCache(RedisConnection redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
        redis.fallbackCounts().register(UNAVAILABLE);
    }

    @Override
    public Optional<ResponseCache.Answer> get(String key) {
        String value;
        try {
            value = commands().get(PREFIX + key);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        return value == null ? Optional.empty() : decode(value);
    }

    @Override
    public void put(String key, ResponseCache.Answer answer, Duration ttl) {
        long seconds = Math.max(1, ttl.toSeconds());
        try {
            commands().set(PREFIX + key, encode(answer), SetArgs.Builder.ex(seconds));
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    @Override
    public int clear() {
        try {
            RedisCommands<String, String> c = commands();
            int removed = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = c.scan(cursor, ScanArgs.Builder.matches(PREFIX + "*").limit(500));
                if (!page.getKeys().isEmpty()) {
                    removed += c.del(page.getKeys().toArray(String[]::new)).intValue();
                }
                cursor = page;
            } while (!cursor.isFinished());
            return removed;
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    static String encode(ResponseCache.Answer answer) {
        ObjectNode json = JsonCodec.mapper().createObjectNode();
        json.put("status", answer.status());
        ArrayNode headers = json.putArray("headers");
        answer.headers().forEach((name, value) -> headers.addArray().add(name).add(value));
        json.put("body", Base64.getEncoder().encodeToString(answer.body()));
        return JsonCodec.write(json);
    }

    /** The stored answer; empty for a value this version cannot read (treated as a miss). */
    static Optional<ResponseCache.Answer> decode(String value) {
        try {
            JsonNode json = JsonCodec.parse(value.getBytes(StandardCharsets.UTF_8));
            Headers.Builder headers = Headers.builder();
            for (JsonNode pair : json.path("headers")) {
                headers.add(pair.path(0).asText(), pair.path(1).asText());
            }
            return Optional.of(new ResponseCache.Answer(json.path("status").asInt(),
                    headers.build(), Base64.getDecoder().decode(json.path("body").asText())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private RedisCommands<String, String> commands() {
        return redis.commands().orElseThrow(() -> new IllegalStateException("redis unreachable"));
    }

    private RedisUnavailableException unavailable(RuntimeException cause) {
        redis.fallbackCounts().record(UNAVAILABLE);
        return new RedisUnavailableException("could not reach the shared response cache in " + redis.location(), cause);
    }
}
