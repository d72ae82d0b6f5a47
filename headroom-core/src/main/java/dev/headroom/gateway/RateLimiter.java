package dev.headroom.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-credential rate limits: two token buckets per {@link CredentialHash}, one for requests per minute and
 * one for (estimated) request tokens per minute. A request passes only when both buckets hold enough; a
 * refused request takes nothing from either. Buckets are kept in memory for at most {@code maxKeys}
 * credentials: buckets idle long enough to be full again are forgotten first (losing nothing), and beyond the
 * bound the least recently used is dropped (that credential starts again with full buckets).
 *
 * <p>With {@link Settings#shared() shared} buckets (a fleet's Redis), those decide, and the in-memory ones only
 * while the shared ones cannot be reached.
 *
 * <p>Thread-safe.
 */
public final class RateLimiter {
    /** Credentials tracked at once by default. */
    public static final int DEFAULT_MAX_KEYS = 10_000;

    /**
     * Rate-limit settings.
     *
     * @param enabled           false lets every request through
     * @param requestsPerMinute requests per minute per credential, in [1, 100,000,000]
     * @param tokensPerMinute   estimated request tokens per minute per credential, in [1, 100,000,000]
     * @param shared            buckets shared by a fleet, when given; the process's own buckets decide while
     *                          they cannot be reached
     */
    public record Settings(boolean enabled, long requestsPerMinute, long tokensPerMinute, Optional<SharedRateLimit> shared) {
        public Settings {
            if (requestsPerMinute < 1 || requestsPerMinute > TokenBucket.MAX_CAPACITY
                    || tokensPerMinute < 1 || tokensPerMinute > TokenBucket.MAX_CAPACITY) {
                throw new IllegalArgumentException("rate limits must be in [1, " + TokenBucket.MAX_CAPACITY + "]");
            }
            java.util.Objects.requireNonNull(shared, "shared");
        }

        /** Limits kept in this process only. */
        public Settings(boolean enabled, long requestsPerMinute, long tokensPerMinute) {
            this(enabled, requestsPerMinute, tokensPerMinute, Optional.empty());
        }

        /** These limits, kept in {@code shared} when present. */
        public Settings withShared(Optional<SharedRateLimit> shared) {
            return new Settings(enabled, requestsPerMinute, tokensPerMinute, shared);
        }

        /** On, 1,000 requests and 5,000,000 tokens per minute per credential: one developer never meets it. */
        public static Settings defaults() {
            return new Settings(true, 1_000, 5_000_000);
        }

        /** Off. */
        public static Settings disabled() {
            return new Settings(false, 1_000, 5_000_000);
        }
    }

    private record Buckets(TokenBucket requests, TokenBucket tokens) {
    }

    private final Settings settings;
    private final Clock clock;
    private final int maxKeys;
    private final LinkedHashMap<String, Buckets> buckets = new LinkedHashMap<>(16, 0.75f, true);

    public RateLimiter(Settings settings, Clock clock, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive");
        }
        this.settings = settings;
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Admits one request of about {@code tokens} tokens for {@code credentialHash}, or refuses it.
     *
     * @return empty when admitted (both buckets charged); otherwise how long until both buckets would allow it
     */
    public Optional<Duration> tryAcquire(String credentialHash, long tokens) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        if (settings.shared().isPresent()) {
            try {
                return settings.shared().get().tryAcquire(credentialHash, settings.requestsPerMinute(),
                        settings.tokensPerMinute(), tokens);
            } catch (RuntimeException e) {
                // the shared buckets are out of reach (their store counts it): this process's own decide
            }
        }
        long now = nanos(clock.instant());
        synchronized (buckets) {
            forgetIdle(now);
            Buckets b = buckets.get(credentialHash);
            if (b == null) {
                b = new Buckets(new TokenBucket(settings.requestsPerMinute(), now),
                        new TokenBucket(settings.tokensPerMinute(), now));
                buckets.put(credentialHash, b);
                if (buckets.size() > maxKeys) {
                    Iterator<String> eldest = buckets.keySet().iterator();
                    eldest.next();
                    eldest.remove();
                }
            }
            long wait = Math.max(b.requests().waitNanos(1, now), b.tokens().waitNanos(tokens, now));
            if (wait > 0) {
                return Optional.of(Duration.ofNanos(wait));
            }
            b.requests().take(1);
            b.tokens().take(tokens);
            return Optional.empty();
        }
    }

    /** Credentials currently tracked. */
    public int trackedKeys() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    /** Whole seconds for a {@code Retry-After} header: the wait rounded up, at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** Drops least recently used buckets that are full again; stops at the first that is not. */
    private void forgetIdle(long now) {
        Iterator<Map.Entry<String, Buckets>> it = buckets.entrySet().iterator();
        while (it.hasNext()) {
            Buckets b = it.next().getValue();
            if (!b.requests().fullAt(now) || !b.tokens().fullAt(now)) {
                return;
            }
            it.remove();
        }
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
