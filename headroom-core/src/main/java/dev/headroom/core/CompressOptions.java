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
 */
public record CompressOptions(Optional<WireFormat> format, int frozenMessages, boolean bypass) {
    public static final CompressOptions DEFAULT = new CompressOptions(Optional.empty(), 0, false);

    public CompressOptions {
        if (frozenMessages < 0) {
            throw new IllegalArgumentException("frozenMessages must not be negative");
        }
    }

    public CompressOptions withFormat(WireFormat f) {
        return new CompressOptions(Optional.of(f), frozenMessages, bypass);
    }

    public CompressOptions withFrozenMessages(int n) {
        return new CompressOptions(format, n, bypass);
    }

    public CompressOptions withBypass(boolean b) {
        return new CompressOptions(format, frozenMessages, b);
    }
}
