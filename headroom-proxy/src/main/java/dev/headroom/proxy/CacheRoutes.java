package dev.headroom.proxy;

import dev.headroom.gateway.Gateway;
import io.javalin.config.JavalinState;

/** {@code POST {prefix}/cache/clear}: empties the gateway's response cache; loopback only (403 otherwise). */
final class CacheRoutes {
    private CacheRoutes() {
    }

    static void register(JavalinState state, String prefix, Gateway gateway) {
        state.routes.post(prefix + "/cache/clear", ctx -> {
            ctx.contentType("application/json");
            if (!ProxyAccess.adminAllowed(ctx)) {
                ctx.status(403).result("{\"error\":{\"message\":\"loopback only\"}}");
                return;
            }
            int cleared = gateway.responseCache().clear();
            ctx.result("{\"cleared\":" + cleared + "}");
        });
    }
}
