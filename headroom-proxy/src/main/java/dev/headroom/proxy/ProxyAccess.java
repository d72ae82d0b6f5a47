package dev.headroom.proxy;

import io.javalin.http.Context;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may use the proxy. {@code /livez} and {@code /readyz} are open to everyone; every other route is decided
 * here, by the kind of route:
 *
 * <ul>
 *   <li>With a proxy token set, every caller (loopback ones too) must present it, compared in constant time:
 *       model routes ({@code /v1/*}) in {@code x-headroom-token} (or the older {@code X-Headroom-Proxy-Token}),
 *       so that the client's own provider key in {@code Authorization}/{@code x-api-key} passes untouched;
 *       admin and observability routes also as {@code Authorization: Bearer TOKEN}.</li>
 *   <li>Without a token, model and observability routes serve loopback peers only, admin routes
 *       ({@code /stats/reset}, {@code /cache/clear}, {@code /v1/retrieve/*}, the details of {@code /health})
 *       loopback peers whose {@code Host} header also names a loopback host, and {@code /health}'s status everyone.</li>
 *   <li>With {@code checkHost} (the standalone proxy bound to a loopback address), a {@code Host} header other
 *       than {@code localhost}, {@code 127.0.0.1} or {@code [::1]} (any port) is refused on every route but
 *       {@code /health}'s status: a
 *       page whose DNS name was rebound to 127.0.0.1 still sends its own name.</li>
 * </ul>
 */
final class ProxyAccess {
    /** Why a request is refused: the status and the message of the error answer. */
    enum Refusal {
        HOST(403, "Host header must name localhost, 127.0.0.1 or [::1] on a loopback-bound proxy"),
        TOKEN(401, "proxy token required"),
        LOOPBACK_ONLY(403, "loopback only");

        final int status;
        final String message;

        Refusal(int status, String message) {
            this.status = status;
            this.message = message;
        }

        /** {@code {"error":{"message":…}}}. */
        String json() {
            return "{\"error\":{\"message\":\"" + message + "\"}}";
        }

        /** The Anthropic-shaped envelope the model routes answer with. */
        String modelJson() {
            return "{\"type\":\"error\",\"error\":{\"type\":\"" + (status == 401 ? "authentication_error" : "permission_error")
                    + "\",\"message\":\"" + message + "\"}}";
        }
    }

    private final Optional<String> token;
    private final boolean checkHost;

    ProxyAccess(Optional<String> token) {
        this(token, false);
    }

    ProxyAccess(Optional<String> token, boolean checkHost) {
        this.token = token.filter(t -> !t.isBlank());
        this.checkHost = checkHost;
    }

    static boolean isLoopback(String ip) {
        try {
            return InetAddress.getByName(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Model routes ({@code /v1/*}): the token only in its own header, never taken from {@code Authorization}. */
    Optional<Refusal> model(Context ctx) {
        return decide(ctx, false, false);
    }

    /** Observability routes ({@code /stats}, {@code /metrics}, {@code /stats-history}, {@code /dashboard}). */
    Optional<Refusal> read(Context ctx) {
        return decide(ctx, true, false);
    }

    /** Admin routes: {@code /stats/reset}, {@code /cache/clear}, {@code /v1/retrieve/*}, {@code /health} details. */
    Optional<Refusal> admin(Context ctx) {
        return decide(ctx, true, true);
    }

    /**
     * {@code /health}: without a token open to everyone and to any {@code Host} (status and version only; the
     * details are {@link #admin admin}); with a token it needs the token like every other route.
     */
    Optional<Refusal> health(Context ctx) {
        return token.isEmpty() || presents(ctx, true) ? Optional.empty() : Optional.of(Refusal.TOKEN);
    }

    /** Whether an observability route may be served. */
    boolean allowed(Context ctx) {
        return read(ctx).isEmpty();
    }

    /** Whether an admin route may be served. */
    boolean adminAllowed(Context ctx) {
        return admin(ctx).isEmpty();
    }

    private Optional<Refusal> decide(Context ctx, boolean bearer, boolean admin) {
        if (checkHost && !loopbackHost(ctx)) {
            return Optional.of(Refusal.HOST);
        }
        if (token.isPresent()) {
            return presents(ctx, bearer) ? Optional.empty() : Optional.of(Refusal.TOKEN);
        }
        if (!isLoopback(ctx.ip())) {
            return Optional.of(admin ? Refusal.LOOPBACK_ONLY : Refusal.TOKEN);
        }
        return admin && !loopbackHost(ctx) ? Optional.of(Refusal.LOOPBACK_ONLY) : Optional.empty();
    }

    private boolean presents(Context ctx, boolean bearer) {
        String presented = ctx.header("x-headroom-token");
        if (presented == null) {
            presented = ctx.header("X-Headroom-Proxy-Token");
        }
        if (presented == null && bearer) {
            String auth = ctx.header("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                presented = auth.substring(7).strip();
            }
        }
        return presented != null && MessageDigest.isEqual(presented.strip().getBytes(StandardCharsets.UTF_8),
                token.get().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, with any port (or no Host at all, HTTP/1.0). */
    static boolean loopbackHost(Context ctx) {
        String host = Optional.ofNullable(ctx.header("Host")).orElse("").strip().toLowerCase(Locale.ROOT);
        String name = host;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            name = close > 0 ? host.substring(0, close + 1) : host;
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                name = host.substring(0, colon);
            }
        }
        return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]") || name.isEmpty();
    }
}
