package dev.headroom.proxy;

import io.javalin.config.JavalinState;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /dashboard} under the proxy's prefix: one self-contained page (inline CSS and JavaScript, no
 * external resource of any kind, enforced by its Content-Security-Policy) that polls {@code stats} and
 * {@code stats-history} next to it. Served to the peers the proxy serves.
 */
final class DashboardRoute {
    static final String RESOURCE = "/dev/headroom/proxy/dashboard.html";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; "
            + "style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    private static final byte[] PAGE = load();

    private DashboardRoute() {
    }

    static void register(JavalinState state, String prefix, ProxyAccess access) {
        state.routes.get(prefix + "/dashboard", ctx -> {
            var refusal = access.read(ctx);
            if (refusal.isPresent()) {
                ctx.status(refusal.get().status).contentType("application/json").result(refusal.get().json());
                return;
            }
            ctx.header("Cache-Control", "no-store");
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.contentType("text/html; charset=utf-8").result(PAGE);
        });
    }

    private static byte[] load() {
        try (InputStream in = DashboardRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's text, for tests. */
    static String page() {
        return new String(PAGE, StandardCharsets.UTF_8);
    }
}
