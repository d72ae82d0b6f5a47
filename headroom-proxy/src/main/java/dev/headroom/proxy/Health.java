package dev.headroom.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.retention.ContentHash;
import dev.headroom.retention.RetentionStore;
import dev.headroom.stats.SavingsHistory;
import dev.headroom.wire.JsonCodec;

import java.util.Locale;

/**
 * The {@code /health} document: status, version, the checks behind the status, the effective configuration
 * (no secrets: no token, no key) and the stores with their location and whether a read succeeds now. Keys are
 * in a fixed order. {@code headroom doctor} reads it. Configuration and stores (upstream addresses, file paths)
 * are shown only to loopback callers, like the other admin routes.
 */
final class Health {
    private static final String PROBE = ContentHash.of("headroom health probe");

    private Health() {
    }

    static String json(Gateway gateway, boolean ready, HeadroomProxyPlugin.Config plugin, boolean detailed) {
        ObjectNode root = JsonCodec.mapper().createObjectNode();
        root.put("status", ready ? "healthy" : "starting");
        root.put("version", version());
        ObjectNode checks = root.putObject("checks");
        checks.put("ready", ready);
        checks.put("compressors", gateway.engine().compressors().size());
        checks.put("discovery_failures", gateway.engine().discoveryFailures().size());
        if (!detailed) {
            return JsonCodec.write(root);
        }
        GatewayConfig c = gateway.config();
        ObjectNode config = root.putObject("config");
        config.put("mode", c.mode().name().toLowerCase(Locale.ROOT));
        config.put("optimize", c.optimize());
        config.put("lossless", gateway.engine().config().lossless() || !c.injectRetrieveTool());
        config.put("retrieve_tool", c.injectRetrieveTool());
        ObjectNode rate = config.putObject("rate_limit");
        rate.put("enabled", c.rateLimit().enabled());
        rate.put("requests_per_minute", c.rateLimit().requestsPerMinute());
        rate.put("tokens_per_minute", c.rateLimit().tokensPerMinute());
        ObjectNode cache = config.putObject("cache");
        cache.put("enabled", c.responseCache().enabled());
        cache.put("ttl_seconds", c.responseCache().ttl().toSeconds());
        ObjectNode shaper = config.putObject("output_shaper");
        shaper.put("verbosity", c.outputShaper().verbosity());
        shaper.put("verbosity_level", c.outputShaper().verbosityLevel());
        shaper.put("effort_router", c.outputShaper().effortRouting());
        shaper.put("mechanical_effort", c.outputShaper().mechanicalEffort());
        shaper.put("holdout", c.outputShaper().holdout());
        BackendHealth.put(config.putObject("backend"), gateway.messagesUpstream());
        config.put("stateless", plugin.stateless);
        config.put("log_messages", c.logMessages());
        config.put("anthropic_api_url", c.anthropicBaseUrl().toString());
        config.put("openai_api_url", c.openaiBaseUrl().toString());
        config.put("gemini_api_url", c.geminiBaseUrl().toString());
        c.bedrockBaseUrl().ifPresent(u -> config.put("bedrock_api_url", u.toString()));
        ObjectNode stores = root.putObject("stores");
        retention(stores.putObject("retention"), gateway.engine().retentionStore());
        if (plugin.history != null) {
            history(stores.putObject("history"), plugin.history);
        }
        return JsonCodec.write(root);
    }

    private static void retention(ObjectNode o, RetentionStore store) {
        o.put("location", store.location());
        try {
            store.get(PROBE);
            o.put("status", "ok");
        } catch (RuntimeException e) {
            o.put("status", "error");
            o.put("error", String.valueOf(e.getMessage()));
        }
    }

    private static void history(ObjectNode o, SavingsHistory history) {
        o.put("location", history.location());
        try {
            history.lifetime();
            o.put("status", "ok");
        } catch (RuntimeException e) {
            o.put("status", "error");
            o.put("error", String.valueOf(e.getMessage()));
        }
    }

    /** The version from the jar's manifest, or {@code "dev"} when run from classes. */
    static String version() {
        String v = Health.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
