package dev.headroom.core;

import dev.headroom.wire.WireFormat;

import java.util.Optional;

/**
 * Per-call options of {@link Headroom#compress(byte[], CompressOptions)}.
 *
 * @param format         the wire format when the caller knows it (a proxy knows it from the route);
 *                       empty to detect it from the request's shape
 * @param frozenMessages messages with a lower index are left exactly as they are (cache mode)
 * @param bypass         when true nothing is compressed and the input comes back unchanged
 * @param query          the question every tool output serves, instead of the user text before it
 */
public record CompressOptions(Optional<WireFormat> format, int frozenMessages, boolean bypass, Optional<String> query) {
    public static final CompressOptions DEFAULT = new CompressOptions(Optional.empty(), 0, false, Optional.empty());

    public CompressOptions {
        if (frozenMessages < 0) {
            throw new IllegalArgumentException("frozenMessages must not be negative");
        }
    }

    public CompressOptions withFormat(WireFormat f) {
        return new CompressOptions(Optional.of(f), frozenMessages, bypass, query);
    }

    public CompressOptions withFrozenMessages(int n) {
        return new CompressOptions(format, n, bypass, query);
    }

    public CompressOptions withBypass(boolean b) {
        return new CompressOptions(format, frozenMessages, b, query);
    }

    public CompressOptions withQuery(String q) {
        return new CompressOptions(format, frozenMessages, bypass, Optional.ofNullable(q));
    }
}
