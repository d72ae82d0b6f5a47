package dev.headroom.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.gateway.Gateway;
import dev.headroom.wire.JsonCodec;

/** The {@code /health} document: status plus the checks behind it. */
final class Health {
    private Health() {
    }

    static String json(Gateway gateway, boolean ready) {
        ObjectNode root = JsonCodec.mapper().createObjectNode();
        root.put("status", ready ? "healthy" : "starting");
        ObjectNode checks = root.putObject("checks");
        checks.put("ready", ready);
        checks.put("compressors", gateway.engine().compressors().size());
        checks.put("discovery_failures", gateway.engine().discoveryFailures().size());
        ObjectNode config = root.putObject("config");
        config.put("mode", gateway.config().mode().name().toLowerCase(java.util.Locale.ROOT));
        config.put("optimize", gateway.config().optimize());
        config.put("anthropic_api_url", gateway.config().anthropicBaseUrl().toString());
        config.put("openai_api_url", gateway.config().openaiBaseUrl().toString());
        return JsonCodec.write(root);
    }
}
