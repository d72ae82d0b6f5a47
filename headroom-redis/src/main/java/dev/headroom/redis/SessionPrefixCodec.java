package dev.headroom.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.headroom.gateway.SessionPrefixStore.Item;
import dev.headroom.wire.JsonCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact JSON value of one session in Redis: {@code {"v":1,"items":[{"h":HASH,"f":FORWARDED},...]}}, the
 * forwarded items written by {@link JsonCodec} so that they read back exactly (numbers, key order). Bounded:
 * only the leading items that fit in the byte limit are kept, since a prefix is still a prefix.
 */
final class SessionPrefixCodec {
    private static final String HEAD = "{\"v\":1,\"items\":[";
    private static final String TAIL = "]}";

    private SessionPrefixCodec() {
    }

    /** The value of {@code items}, cut to the longest leading run whose encoding takes at most {@code maxBytes}. */
    static String encode(List<Item> items, int maxBytes) {
        StringBuilder value = new StringBuilder(HEAD);
        long bytes = HEAD.length() + TAIL.length();
        boolean first = true;
        for (Item item : items) {
            String entry = "{\"h\":" + JsonCodec.write(TextNode.valueOf(item.originalHash())) + ",\"f\":"
                    + JsonCodec.write(item.forwarded()) + "}";
            long entryBytes = utf8Length(entry) + (first ? 0 : 1);
            if (bytes + entryBytes > maxBytes) {
                break;
            }
            value.append(first ? "" : ",").append(entry);
            bytes += entryBytes;
            first = false;
        }
        return value.append(TAIL).toString();
    }

    /** The items of a stored value; empty for a value this version cannot read (a session with no known prefix). */
    static List<Item> decode(String value) {
        try {
            JsonNode json = JsonCodec.parse(value.getBytes(StandardCharsets.UTF_8));
            if (json.path("v").asInt() != 1 || !json.path("items").isArray()) {
                return List.of();
            }
            List<Item> items = new ArrayList<>();
            for (JsonNode entry : json.get("items")) {
                if (!entry.path("h").isTextual() || !entry.has("f")) {
                    return List.of();
                }
                items.add(new Item(entry.get("h").asText(), entry.get("f")));
            }
            return List.copyOf(items);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static long utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
