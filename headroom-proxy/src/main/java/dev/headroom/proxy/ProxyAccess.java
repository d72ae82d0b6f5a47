package dev.headroom.proxy;

import io.javalin.http.Context;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may use the proxy: loopback peers always; other peers only with the proxy token
 * ({@code Authorization: Bearer} or {@code X-Headroom-Proxy-Token}), compared in constant time. Admin routes
 * are for loopback peers whose {@code Host} header also names a loopback host.
 */
final class ProxyAccess {
    private final Optional<String> token;

    ProxyAccess(Optional<String> token) {
        this.token = token.filter(t -> !t.isBlank());
    }

    static boolean isLoopback(String ip) {
        try {
            return InetAddress.getByName(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    boolean allowed(Context ctx) {
        if (isLoopback(ctx.ip())) {
            return true;
        }
        if (token.isEmpty()) {
            return false;
        }
        String presented = ctx.header("X-Headroom-Proxy-Token");
        if (presented == null) {
            String auth = ctx.header("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                presented = auth.substring(7).strip();
            }
        }
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                token.get().getBytes(StandardCharsets.UTF_8));
    }

    /** Loopback peer and a loopback {@code Host}: guards against DNS rebinding from a browser. */
    static boolean adminAllowed(Context ctx) {
        if (!isLoopback(ctx.ip())) {
            return false;
        }
        String host = Optional.ofNullable(ctx.header("Host")).orElse("").toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        String name = colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
        return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]") || name.isEmpty();
    }
}
