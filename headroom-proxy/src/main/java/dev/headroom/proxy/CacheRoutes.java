package dev.headroom.proxy;

import dev.headroom.gateway.Gateway;
import io.javalin.config.JavalinState;

/** {@code POST {prefix}/cache/clear}: empties the gateway's response cache; admin route (see {@link ProxyAccess}). */
final class CacheRoutes {
    private CacheRoutes() {
    }

    static void register(JavalinState state, String prefix, Gateway gateway, ProxyAccess access) {
        state.routes.post(prefix + "/cache/clear", ctx -> {
            ctx.contentType("application/json");
            var refusal = access.admin(ctx);
            if (refusal.isPresent()) {
                ctx.status(refusal.get().status).result(refusal.get().json());
                return;
            }
            int cleared = gateway.responseCache().clear();
            ctx.result("{\"cleared\":" + cleared + "}");
        });
    }
}
