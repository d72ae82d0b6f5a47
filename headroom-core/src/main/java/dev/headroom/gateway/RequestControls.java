package dev.headroom.gateway;

import dev.headroom.spi.Backend;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The gateway's policies for a shared proxy, applied to a request just before it is forwarded: the per-credential
 * {@link RateLimiter}, then the {@link ResponseCache}. Either may answer the request itself (429 in the
 * provider's envelope, or a replayed answer); otherwise the request goes on with a sink that stores a whole
 * 200 answer in the cache.
 */
final class RequestControls {
    /** Header on answers replayed from the cache. */
    static final String CACHED_HEADER = "x-headroom-cached";

    /**
     * What the controls decided.
     *
     * @param status the status sent, when the controls answered; 0 when the request goes on
     * @param cached whether the answer came from the cache
     * @param sink   where the rest of the gateway writes its answer, when the request goes on
     */
    record Outcome(int status, boolean cached, ResponseSink sink) {
        boolean answered() {
            return status != 0;
        }
    }

    private final RateLimiter limiter;
    private final ResponseCache cache;

    RequestControls(RateLimiter limiter, ResponseCache cache) {
        this.limiter = limiter;
        this.cache = cache;
    }

    ResponseCache cache() {
        return cache;
    }

    RateLimiter limiter() {
        return limiter;
    }

    /**
     * Applies the rate limit and the cache to a request about to be forwarded.
     *
     * @param estimatedTokens the request's tokens, as Headroom counted them or estimated from its size
     */
    Outcome before(ProxyRequest request, Route route, Backend backend, byte[] forwardedBody, long estimatedTokens,
                   ResponseSink sink) throws IOException {
        String credential = CredentialHash.of(request.headers());
        Optional<Duration> wait = limiter.tryAcquire(credential, estimatedTokens);
        if (wait.isPresent()) {
            long seconds = RateLimiter.retryAfterSeconds(wait.get());
            byte[] body = backend.errorBody(429, "rate_limit_error", "Headroom proxy rate limit for this API key ("
                    + limiter.settings().requestsPerMinute() + " requests, " + limiter.settings().tokensPerMinute()
                    + " tokens per minute) reached; retry in " + seconds + " s").getBytes(StandardCharsets.UTF_8);
            sink.respond(429, Headers.builder().add("content-type", "application/json")
                    .add("retry-after", Long.toString(seconds)).build(), body);
            return new Outcome(429, false, sink);
        }
        if (!cacheable(request, route, forwardedBody)) {
            return new Outcome(0, false, sink);
        }
        String key = ResponseCache.key(route.provider().backendName(), request.path(), request.rawQuery(),
                request.headers(), forwardedBody, credential);
        Optional<ResponseCache.Answer> hit = cache.get(key);
        if (hit.isPresent()) {
            ResponseCache.Answer a = hit.get();
            sink.respond(a.status(), a.headers().toBuilder().set(CACHED_HEADER, "true").build(), a.body());
            return new Outcome(a.status(), true, sink);
        }
        return new Outcome(0, false, new StoringSink(sink, cache, key));
    }

    /**
     * A POST to a model route, cache enabled, the client did not ask for a fresh answer
     * ({@code Cache-Control: no-cache} or {@code no-store}), and the body does not ask for a stream.
     */
    private boolean cacheable(ProxyRequest request, Route route, byte[] body) {
        if (!cache.settings().enabled() || route.format().isEmpty() || !request.method().equals("POST")) {
            return false;
        }
        String control = String.join(",", request.headers().all("cache-control")).toLowerCase(Locale.ROOT);
        if (control.contains("no-cache") || control.contains("no-store")) {
            return false;
        }
        return StreamFlag.of(body).map(stream -> !stream).orElse(false);
    }

    /** Passes the answer on and keeps a whole 200 answer in the cache; streams are never kept. */
    private static final class StoringSink implements ResponseSink {
        private final ResponseSink delegate;
        private final ResponseCache cache;
        private final String key;

        StoringSink(ResponseSink delegate, ResponseCache cache, String key) {
            this.delegate = delegate;
            this.cache = cache;
            this.key = key;
        }

        @Override
        public void respond(int status, Headers headers, byte[] body) throws IOException {
            delegate.respond(status, headers, body);
            if (status == 200) {
                cache.put(key, new ResponseCache.Answer(status, headers, body));
            }
        }

        @Override
        public OutputStream stream(int status, Headers headers) throws IOException {
            return delegate.stream(status, headers);
        }
    }
}
