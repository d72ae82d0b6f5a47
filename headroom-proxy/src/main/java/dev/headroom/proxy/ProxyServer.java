package dev.headroom.proxy;

import dev.headroom.gateway.Gateway;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The standalone proxy: a Javalin server with only the {@link HeadroomProxyPlugin} mounted at the root.
 * Refuses to listen on a non-loopback host without a proxy token unless {@code allowOpen} is set.
 */
public final class ProxyServer implements AutoCloseable {
    private final Javalin app;

    private ProxyServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts the server.
     *
     * @param port 0 for a free port
     * @throws IllegalArgumentException when the host is not loopback, no token is set and open access was
     *                                  not allowed
     */
    public static ProxyServer start(Gateway gateway, String host, int port, Optional<String> proxyToken,
                                    boolean allowOpen) {
        return start(gateway, host, port, proxyToken, allowOpen, c -> { });
    }

    /**
     * Starts the server, letting {@code plugin} set further plugin options (stats, metrics and the like).
     *
     * @param port 0 for a free port
     * @throws IllegalArgumentException as {@link #start(Gateway, String, int, Optional, boolean)}
     */
    public static ProxyServer start(Gateway gateway, String host, int port, Optional<String> proxyToken,
                                    boolean allowOpen, Consumer<HeadroomProxyPlugin.Config> plugin) {
        return start(gateway, host, port, proxyToken, allowOpen, ServerThreads.auto(), plugin);
    }

    /**
     * Starts the server with a choice of request threads.
     *
     * @param port    0 for a free port
     * @param threads automatic, or a number of worker threads
     * @throws IllegalArgumentException as {@link #start(Gateway, String, int, Optional, boolean)}
     */
    public static ProxyServer start(Gateway gateway, String host, int port, Optional<String> proxyToken,
                                    boolean allowOpen, ServerThreads threads, Consumer<HeadroomProxyPlugin.Config> plugin) {
        boolean loopback = host.equals("localhost") || ProxyAccess.isLoopback(host);
        if (!loopback && proxyToken.filter(t -> !t.isBlank()).isEmpty() && !allowOpen) {
            throw new IllegalArgumentException("refusing to listen on " + host
                    + " without HEADROOM_PROXY_TOKEN; set a token or pass --allow-open");
        }
        QueuedThreadPool pool = threads.workers() > 0 ? threads.pool() : null;
        Javalin app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.concurrency.useVirtualThreads = threads.virtual();
            if (pool != null) {
                config.jetty.threadPool = pool;
            }
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new HeadroomProxyPlugin(c -> {
                c.gateway = gateway;
                c.proxyToken = proxyToken;
                c.checkHost = loopback;
                plugin.accept(c);
            }));
        });
        app.start();
        if (pool != null) {
            threads.fit(pool);
        }
        return new ProxyServer(app);
    }

    /** The port actually bound. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
