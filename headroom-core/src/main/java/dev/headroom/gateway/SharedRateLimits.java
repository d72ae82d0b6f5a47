package dev.headroom.gateway;

import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets kept outside the process, so that every proxy of a fleet draws from the same per-credential
 * limits (Redis with {@code --store}). The {@link RateLimiter} asks it first; when it cannot be reached the
 * limiter falls back to its own in-memory buckets for that request, so requests still pass, limited per
 * instance. Implementations are thread-safe and take from both buckets atomically, or from neither.
 */
public interface SharedRateLimits {

    /**
     * Admits one request of about {@code tokens} tokens for {@code credentialHash}, or refuses it, with the
     * same semantics as {@link RateLimiter#tryAcquire}: buckets of {@code requestsPerMinute} and
     * {@code tokensPerMinute} that refill continuously, a cost above the capacity counted as the capacity,
     * and a refused request taking nothing.
     *
     * @return empty when admitted; otherwise how long until both buckets would allow it
     * @throws RuntimeException when the shared store cannot be reached
     */
    Optional<Duration> tryAcquire(String credentialHash, long tokens, long requestsPerMinute, long tokensPerMinute);

    /** Where the buckets are kept, for the banner ({@code redis://HOST:PORT/DB}). */
    String location();
}
