package dev.headroom.proxy;

import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.Headers;
import dev.headroom.gateway.ProxyRequest;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.plugin.Plugin;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Mounts the Headroom proxy in a Javalin application:
 *
 * <pre>{@code
 * Javalin.create(config -> config.registerPlugin(new HeadroomProxyPlugin(c -> {
 *     c.gateway = gateway;       // a dev.headroom.gateway.Gateway
 *     c.prefix = "/llm";         // clients use http://host:port/llm as their base URL
 * })));
 * }</pre>
 *
 * Routes: {@code {prefix}/v1/*} and {@code /v1beta/*} (every method) and {@code POST /model/*} (the Bedrock
 * passthrough, answered 404 unless the gateway has a Bedrock URL) to the gateway, and {@code /livez}, {@code /readyz},
 * {@code /health} under the prefix, {@code POST /cache/clear} (loopback only), {@code /stats},
 * {@code POST /stats/reset} and {@code /metrics} when their sources are configured ({@link StatsRoutes}),
 * {@code /stats-history} when a savings history is configured ({@link HistoryRoutes}), and {@code /dashboard}
 * ({@link DashboardRoute}).
 */
public final class HeadroomProxyPlugin extends Plugin<HeadroomProxyPlugin.Config> {

    /** Plugin settings. */
    public static final class Config {
        /** The engine that handles requests; required. */
        public Gateway gateway;
        /** Path prefix under which the proxy is mounted, such as {@code "/llm"}; empty for the root. */
        public String prefix = "";
        /** Token that non-loopback peers must present; empty means only loopback peers are served. */
        public Optional<String> proxyToken = Optional.empty();
        /** Serves {@code /stats} and {@code POST /stats/reset} when set; must also be a sink of the gateway. */
        public dev.headroom.stats.StatsAggregator stats;
        /** Serves {@code /metrics} when set; must also be a sink of the gateway. */
        public PrometheusStatsSink metrics;
        /** Lifetime totals for {@code persistent_savings} in {@code /stats}; omitted when null. */
        public dev.headroom.stats.LifetimeSavings lifetimeSavings;
        /**
         * Serves {@code /stats-history} when set, and {@code persistent_savings} in {@code /stats} unless
         * {@link #lifetimeSavings} is set; must also be a sink of the gateway.
         */
        public dev.headroom.stats.SavingsHistory history;
        /**
         * The history of every proxy sharing this one's store, served as {@code /stats-history?scope=fleet} when set
         * (and {@link #history} is); must also be a sink of the gateway.
         */
        public dev.headroom.stats.SavingsHistory fleetHistory;
        /** Reported in {@code /health}: whether the host keeps everything in memory ({@code --stateless}). */
        public boolean stateless;
        /**
         * Refuse requests whose {@code Host} header is not a loopback name (DNS rebinding); the standalone proxy
         * sets it when it binds a loopback address. See {@link ProxyAccess}.
         */
        public boolean checkHost;
    }

    private volatile boolean ready;

    public HeadroomProxyPlugin(Consumer<Config> userConfig) {
        super(userConfig, new Config());
    }

    @Override
    public String name() {
        return "headroom-proxy";
    }

    @Override
    public void onStart(JavalinState state) {
        Config config = pluginConfig;
        Gateway gateway = Objects.requireNonNull(config.gateway, "HeadroomProxyPlugin needs a gateway");
        String prefix = config.prefix == null ? "" : config.prefix.replaceAll("/+$", "");
        ProxyAccess access = new ProxyAccess(config.proxyToken, config.checkHost);
        state.http.maxRequestSize = Math.max(state.http.maxRequestSize, gateway.config().maxBodyBytes() * 2);
        long bodyLimit = state.http.maxRequestSize;
        // Debugging aid: the original behind a marker, for loopback peers only.
        state.routes.get(prefix + "/v1/retrieve/{hash}", ctx -> {
            var refusal = access.admin(ctx);
            if (refusal.isPresent()) {
                ctx.status(refusal.get().status).contentType("application/json").result(refusal.get().json());
                return;
            }
            var original = gateway.engine().retrieve(ctx.pathParam("hash"));
            if (original.isEmpty()) {
                ctx.status(404).contentType("application/json").result("{\"error\":{\"message\":\"not retained\"}}");
            } else {
                ctx.contentType("text/plain; charset=utf-8").result(original.get());
            }
        });
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
                HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS)) {
            state.routes.addHttpHandler(method, prefix + "/v1/*", ctx -> proxy(ctx, gateway, access, prefix, bodyLimit));
            state.routes.addHttpHandler(method, prefix + "/v1beta/*", ctx -> proxy(ctx, gateway, access, prefix, bodyLimit)); // Gemini
        }
        // Bedrock passthrough (POST /model/{id}/invoke and /invoke-with-response-stream, with --bedrock-api-url)
        state.routes.addHttpHandler(HandlerType.POST, prefix + "/model/*", ctx -> proxy(ctx, gateway, access, prefix, bodyLimit));
        StatsRoutes.register(state, prefix, access, config.stats, config.metrics,
                config.lifetimeSavings != null ? config.lifetimeSavings : config.history, gateway.budget(),
                () -> gateway.engine().retentionStore().fallbacks(), gateway.memory());
        HistoryRoutes.register(state, prefix, access, config.history, config.fleetHistory);
        DashboardRoute.register(state, prefix, access);
        state.routes.get(prefix + "/livez", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
        state.routes.get(prefix + "/readyz", ctx -> {
            ctx.contentType("application/json");
            if (ready) {
                ctx.result("{\"status\":\"ready\"}");
            } else {
                ctx.status(503).result("{\"status\":\"starting\"}");
            }
        });
        state.routes.get(prefix + "/health", ctx -> {
            var refusal = access.health(ctx);
            if (refusal.isPresent()) {
                ctx.status(refusal.get().status).contentType("application/json").result(refusal.get().json());
                return;
            }
            ctx.contentType("application/json").result(Health.json(gateway, ready, config, access.adminAllowed(ctx)));
        });
        CacheRoutes.register(state, prefix, gateway, access);
        state.events.serverStarted(() -> ready = true);
        state.events.serverStopping(() -> ready = false);
    }

    private static void proxy(Context ctx, Gateway gateway, ProxyAccess access, String prefix, long bodyLimit) throws Exception {
        var refusal = access.model(ctx);
        if (refusal.isPresent()) {
            ctx.status(refusal.get().status).contentType("application/json").result(refusal.get().modelJson());
            return;
        }
        Headers.Builder headers = Headers.builder();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            for (String value : Collections.list(ctx.req().getHeaders(name))) {
                headers.add(name, value);
            }
        }
        String path = ctx.path().substring(prefix.length());
        ProxyRequest request = new ProxyRequest(ctx.method().name(), path, ctx.queryString(), headers.build(),
                RequestBodies.read(ctx.req(), bodyLimit), ProxyAccess.isLoopback(ctx.ip()));
        gateway.handle(request, new JavalinResponseSink(ctx));
    }
}
