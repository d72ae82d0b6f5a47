package dev.headroom.core;

import dev.headroom.wire.WireFormat;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Per-call options of {@link Headroom#compress(byte[], CompressOptions)}.
 *
 * @param format         the wire format when the caller knows it (a proxy knows it from the route);
 *                       empty to detect it from the request's shape
 * @param frozenMessages messages with a lower index are left exactly as they are (cache mode)
 * @param bypass         when true nothing is compressed and the input comes back unchanged
 * @param query          the question every tool output serves, instead of the user text before it
 * @param replayPrefix   conversation items forwarded before (cache mode): they replace the request's first
 *                       items verbatim, and those items are not compressed again
 */
public record CompressOptions(Optional<WireFormat> format, int frozenMessages, boolean bypass, Optional<String> query,
                              List<JsonNode> replayPrefix) {
    public static final CompressOptions DEFAULT = new CompressOptions(Optional.empty(), 0, false, Optional.empty(), List.of());

    public CompressOptions {
        if (frozenMessages < 0) {
            throw new IllegalArgumentException("frozenMessages must not be negative");
        }
        replayPrefix = List.copyOf(replayPrefix);
        frozenMessages = Math.max(frozenMessages, replayPrefix.size());
    }

    public CompressOptions withReplayPrefix(List<JsonNode> items) {
        return new CompressOptions(format, Math.max(frozenMessages, items.size()), bypass, query, items);
    }

    public CompressOptions withFormat(WireFormat f) {
        return new CompressOptions(Optional.of(f), frozenMessages, bypass, query, replayPrefix);
    }

    public CompressOptions withFrozenMessages(int n) {
        return new CompressOptions(format, n, bypass, query, replayPrefix);
    }

    public CompressOptions withBypass(boolean b) {
        return new CompressOptions(format, frozenMessages, b, query, replayPrefix);
    }

    public CompressOptions withQuery(String q) {
        return new CompressOptions(format, frozenMessages, bypass, Optional.ofNullable(q), replayPrefix);
    }
}
