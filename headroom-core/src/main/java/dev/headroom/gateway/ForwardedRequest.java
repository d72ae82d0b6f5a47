package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.retention.Marker;
import dev.headroom.wire.JsonCodec;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The request as forwarded upstream, parsed only when a retrieve call actually has to be served (most
 * answers have none); the tree then grows with each continuation. Used by one request's thread only.
 */
final class ForwardedRequest {
    private final byte[] bytes;
    private ObjectNode tree;
    private Set<String> issued;

    ForwardedRequest(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The request tree; continuations append to it. */
    ObjectNode tree() {
        if (tree == null) {
            JsonNode root = JsonCodec.parse(bytes);
            tree = root.isObject() ? (ObjectNode) root : JsonCodec.mapper().createObjectNode();
        }
        return tree;
    }

    /** Whether {@code hash} is the hash of a marker in the forwarded request: only those are redeemed. */
    boolean issued(String hash) {
        if (issued == null) {
            issued = Set.copyOf(Marker.hashesIn(new String(bytes, StandardCharsets.UTF_8)));
        }
        return issued.contains(hash);
    }
}
