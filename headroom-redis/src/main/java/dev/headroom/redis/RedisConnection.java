package dev.headroom.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One shared connection to Redis for every Redis-backed store of a process, built for a proxy that must not
 * stall: commands time out after {@link #DEFAULT_TIMEOUT}, commands issued while disconnected fail at once
 * instead of queueing, and Lettuce reconnects in the background. Opening waits up to {@link #CONNECT_TIMEOUT}
 * for the first connection (a loaded machine may need more than a command's timeout for the handshake); when
 * Redis was down then, the first connection is retried in the background, at most once per {@link #RETRY_PAUSE},
 * and no request thread waits for it.
 */
public final class RedisConnection implements AutoCloseable {
    /** How long one command may take before the caller falls back. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(200);
    /** How long establishing a connection (TCP and the handshake) may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** The pause between attempts to open the first connection. */
    static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    private final FallbackCounts fallbacks = new FallbackCounts();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextAttemptNanos;
    private boolean connecting;
    private volatile boolean closed;

    private RedisConnection(RedisURI uri) {
        this.uri = uri;
        // A short, constant reconnect pause: Redis back means markers back within a second, not after
        // Lettuce's default exponential back-off of up to 30 s.
        this.resources = ClientResources.builder().reconnectDelay(Delay.constant(RETRY_PAUSE.dividedBy(2))).build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(DEFAULT_TIMEOUT))
                .build());
    }

    /**
     * Connects to {@code redis://HOST:PORT/DB}; Redis need not be up yet.
     *
     * @throws IllegalArgumentException when {@code url} is not a {@code redis://} URL
     */
    public static RedisConnection open(String url) {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("redis://")) {
            throw new IllegalArgumentException("--store must be redis://HOST:PORT/DB, got " + url);
        }
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--store is not a valid redis:// URL: " + url);
        }
        uri.setTimeout(CONNECT_TIMEOUT);
        RedisConnection redis = new RedisConnection(uri);
        redis.connectNow(); // connect now when Redis is up; in the background later otherwise
        return redis;
    }

    /** The synchronous commands, or empty while Redis is unreachable. */
    Optional<RedisCommands<String, String>> commands() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            c = connectIfDue();
        }
        return c != null && c.isOpen() ? Optional.of(c.sync()) : Optional.empty();
    }

    private void connectNow() {
        try {
            StatefulRedisConnection<String, String> opened = client.connect(uri);
            try {
                opened.sync().ping(); // warms the command path, so a request's first command meets no cold start
            } catch (RuntimeException slow) {
                // connected but slow to answer: keep the connection, commands time out on their own
            }
            connection = opened;
        } catch (RuntimeException e) {
            nextAttemptNanos = System.nanoTime() + RETRY_PAUSE.toNanos();
        }
    }

    /** Starts a background attempt when one is due and none is under way; returns the connection, if any. */
    private synchronized StatefulRedisConnection<String, String> connectIfDue() {
        if (connection != null || connecting || System.nanoTime() - nextAttemptNanos < 0) {
            return connection;
        }
        connecting = true;
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((opened, failure) -> {
            synchronized (this) {
                connecting = false;
                if (opened != null && closed) {
                    opened.closeAsync();
                } else if (opened != null) {
                    opened.async().ping(); // warms the command path without blocking Lettuce's event loop
                    connection = opened;
                } else {
                    nextAttemptNanos = System.nanoTime() + RETRY_PAUSE.toNanos();
                }
            }
        });
        return connection;
    }

    /** The fallbacks every store on this connection took while Redis was unreachable, by reason code. */
    public Map<String, Long> fallbacks() {
        return fallbacks.snapshot();
    }

    /** Where the stores on this connection count their fallbacks. */
    FallbackCounts fallbackCounts() {
        return fallbacks;
    }

    /** {@code redis://HOST:PORT/DB}, for reports such as {@code /health}; never a password. */
    public String location() {
        return "redis://" + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    @Override
    public void close() {
        closed = true;
        StatefulRedisConnection<String, String> c;
        synchronized (this) {
            c = connection;
        }
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown();
    }
}
