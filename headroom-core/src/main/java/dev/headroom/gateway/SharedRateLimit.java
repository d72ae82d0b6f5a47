package dev.headroom.gateway;

import java.time.Duration;
import java.util.Optional;

/**
 * Rate-limit buckets kept outside the process, so that every proxy of a fleet draws from the same two buckets
 * per credential (headroom-redis implements it). Used by {@link RateLimiter} when its settings carry one.
 */
public interface SharedRateLimit {

    /**
     * Admits one request of about {@code tokens} tokens for {@code credentialHash} against buckets of
     * {@code requestsPerMinute} and {@code tokensPerMinute}, atomically across every process that shares them;
     * a refused request takes nothing.
     *
     * @return empty when admitted; otherwise how long until both buckets would allow it
     * @throws RuntimeException when the shared buckets cannot be reached: the limiter then decides with its
     *                          own, per-process buckets
     */
    Optional<Duration> tryAcquire(String credentialHash, long requestsPerMinute, long tokensPerMinute, long tokens);
}
