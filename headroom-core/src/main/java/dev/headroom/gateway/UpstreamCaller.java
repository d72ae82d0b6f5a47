package dev.headroom.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends one request upstream with the JDK {@link HttpClient}, retrying 429, 529, 5xx and connect errors —
 * all of which happen before anything was sent to the client — with exponential backoff that honours a
 * capped {@code Retry-After}. Bounded by a connection semaphore. Asks for, and decodes, the codings of
 * {@link ContentCoding}.
 */
final class UpstreamCaller {
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Duration BASE_BACKOFF = Duration.ofMillis(250);

    private final HttpClient client;
    private final GatewayConfig config;
    private final Semaphore connections;

    UpstreamCaller(GatewayConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.connections = new Semaphore(config.maxConnections());
    }

    /**
     * A response whose body must be consumed or closed; {@link #release()} frees its connection slot. Its
     * {@link #body()} is decoded ({@link ContentCoding}) and its {@link #headers()} no longer name the encoding
     * or the encoded length, so whatever the gateway relays, parses, continues or caches is plain bytes with
     * headers that match them.
     */
    final class Exchange implements AutoCloseable {
        private final int status;
        private final Headers headers;
        private final InputStream body;
        private final Optional<String> undecodable;
        private final Exchange source;
        private final boolean holdsSlot;
        private boolean released;

        Exchange(HttpResponse<InputStream> response) {
            this.status = response.statusCode();
            this.source = null;
            this.holdsSlot = true;
            String encoding = String.join(",", response.headers().allValues("content-encoding"));
            Headers all = Headers.of(response.headers().map());
            this.undecodable = ContentCoding.unsupported(encoding);
            if (undecodable.isPresent()) {
                this.headers = all;
                this.body = response.body();
            } else {
                this.headers = all.toBuilder().remove("content-encoding").remove("content-length").build();
                this.body = ContentCoding.decode(response.body(), encoding);
            }
        }

        /**
         * An answer made from another one, such as a translation of {@code source}'s body (closed and released
         * with it), or, with {@code source} null, one the proxy answers itself without an upstream call.
         */
        Exchange(Exchange source, int status, Headers headers, InputStream body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.undecodable = Optional.empty();
            this.source = source;
            this.holdsSlot = false;
        }

        int status() {
            return status;
        }

        /** The upstream's headers, without {@code Content-Encoding} and {@code Content-Length} once decoded. */
        Headers headers() {
            return headers;
        }

        /** The decoded body. */
        InputStream body() {
            return body;
        }

        /** Whether the answer is a server-sent event stream (by its {@code Content-Type}). */
        boolean eventStream() {
            return headers.first("content-type").orElse("").toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        }

        void release() {
            if (!released) {
                released = true;
                if (source != null) {
                    source.release();
                } else if (holdsSlot) {
                    connections.release();
                }
            }
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // the connection is discarded either way
            } finally {
                if (source != null) {
                    source.close();
                }
                release();
            }
        }
    }

    /**
     * Sends a request; the answer's body comes decoded ({@link Exchange}).
     *
     * @throws UpstreamFailure when the upstream is unreachable, too slow, or answers in a
     *                         {@code Content-Encoding} the proxy cannot decode (502: relaying such bytes would
     *                         hand the client a body its headers do not describe, and the proxy could not read
     *                         the usage or serve retrieval from it)
     */
    Exchange send(String method, URI uri, Headers headers, byte[] body) throws UpstreamFailure, InterruptedException {
        HttpRequest request = build(method, uri, headers, body);
        int attempt = 0;
        while (true) {
            if (!connections.tryAcquire(config.headersTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new UpstreamFailure(503, "too many upstream connections in use", null);
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpConnectTimeoutException | ConnectException e) {
                connections.release();
                if (attempt++ < config.maxRetries()) {
                    sleep(backoff(attempt, Optional.empty()));
                    continue;
                }
                throw new UpstreamFailure(502, "upstream " + uri.getHost() + " is unreachable", e);
            } catch (HttpTimeoutException e) {
                connections.release();
                throw new UpstreamFailure(504, "upstream did not answer within " + config.headersTimeout().toSeconds() + " s", e);
            } catch (IOException e) {
                connections.release();
                if (attempt++ < config.maxRetries()) {
                    sleep(backoff(attempt, Optional.empty()));
                    continue;
                }
                throw new UpstreamFailure(502, "upstream connection failed: " + e.getClass().getSimpleName(), e);
            }
            Exchange exchange = new Exchange(response);
            int status = response.statusCode();
            if (retryable(status) && attempt < config.maxRetries()) {
                Optional<Duration> retryAfter = retryAfter(response);
                if (retryAfter.isEmpty() || retryAfter.get().compareTo(config.retryAfterCap()) <= 0) {
                    exchange.close();
                    attempt++;
                    sleep(backoff(attempt, retryAfter));
                    continue;
                }
            }
            if (exchange.undecodable.isPresent()) {
                exchange.close();
                throw new UpstreamFailure(502, "upstream answered " + status + " with Content-Encoding '" + exchange.undecodable.get()
                        + "', which the proxy does not decode (it asks for " + ContentCoding.ACCEPTED + ")", null);
            }
            return exchange;
        }
    }

    private HttpRequest build(String method, URI uri, Headers headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.headersTimeout());
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade attempts against plain-HTTP upstreams
        }
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!RESTRICTED.contains(lower) && !lower.equals("accept-encoding")) {
                b.header(name, value);
            }
        });
        b.header("Accept-Encoding", ContentCoding.ACCEPTED); // only what Exchange decodes
        HttpRequest.BodyPublisher publisher = body.length == 0 && (method.equals("GET") || method.equals("HEAD"))
                ? HttpRequest.BodyPublishers.noBody() : new ArraySlicesPublisher(body);
        return b.method(method, publisher).build();
    }

    private static boolean retryable(int status) {
        return status == 429 || status == 529 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("retry-after-ms")
                .map(ms -> ms.strip() + "ms").or(() -> response.headers().firstValue("retry-after"));
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get().strip();
        try {
            if (v.endsWith("ms")) {
                return Optional.of(Duration.ofMillis((long) Double.parseDouble(v.substring(0, v.length() - 2))));
            }
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException e) {
            return Optional.of(Duration.ofDays(1)); // an HTTP date: too long to wait here
        }
    }

    private static Duration backoff(int attempt, Optional<Duration> retryAfter) {
        Duration exponential = BASE_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 4));
        return retryAfter.filter(r -> r.compareTo(exponential) > 0).orElse(exponential);
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
