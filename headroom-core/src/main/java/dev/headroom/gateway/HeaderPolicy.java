package dev.headroom.gateway;

import java.util.Locale;
import java.util.Set;

/**
 * Which headers cross the proxy (DESIGN.md rule 8). Upstream: everything but hop-by-hop headers,
 * {@code host}, {@code content-length}, the encodings (the proxy decodes bodies and recomputes lengths) and
 * {@code x-headroom-*}; credentials and provider headers pass byte-identical ({@link UpstreamCaller} then asks
 * for the codings it decodes, {@link ContentCoding#ACCEPTED}). Downstream: everything but hop-by-hop headers,
 * lengths and encodings, so request ids and rate-limit headers reach the client; the body that goes with them
 * is always the decoded one ({@link UpstreamCaller.Exchange}), whose length the host adapter sets.
 */
final class HeaderPolicy {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade");
    private static final Set<String> NOT_UPSTREAM = Set.of("host", "content-length", "accept-encoding",
            "content-encoding", "expect", "http2-settings");
    private static final Set<String> NOT_DOWNSTREAM = Set.of("content-length", "content-encoding", "date", "server");

    private HeaderPolicy() {
    }

    static Headers upstream(Headers client) {
        Headers.Builder b = Headers.builder();
        client.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower) && !NOT_UPSTREAM.contains(lower) && !lower.startsWith("x-headroom-")
                    && !lower.startsWith(":")) {
                b.add(name, value);
            }
        });
        return b.build();
    }

    static Headers downstream(Headers upstream) {
        Headers.Builder b = Headers.builder();
        upstream.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower) && !NOT_DOWNSTREAM.contains(lower) && !lower.startsWith(":")) {
                b.add(name, value);
            }
        });
        return b.build();
    }
}
