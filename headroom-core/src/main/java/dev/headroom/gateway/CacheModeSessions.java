package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.CompressOptions;
import dev.headroom.core.CompressionResult;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.retention.ContentHash;
import dev.headroom.wire.JsonCodec;

import dev.headroom.gateway.SessionPrefixStore.Item;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cache mode: per session, the conversation items as the client sent them and as they were forwarded.
 * On the next turn, the longest prefix the client resends unchanged is replaced by what was forwarded
 * before, byte-for-byte, so the provider's prompt cache keeps hitting; only new items are compressed.
 * Sessions are keyed by {@code x-headroom-session-id}, else by a hash of model, system prompt and first
 * user message. The items live in a {@link SessionPrefixStore} (in memory by default, shared by a fleet with
 * {@code --store}); a store that fails is treated as one that knows no prefix, never as a failed request.
 */
final class CacheModeSessions {
    private static final System.Logger LOG = System.getLogger("dev.headroom.gateway");

    private final SessionPrefixStore store;

    CacheModeSessions(SessionPrefixStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    CompressionResult compress(HeadroomEngine engine, Headers headers, byte[] body, CompressOptions options) {
        JsonNode root = JsonCodec.parse(body);
        JsonNode items = root.has("messages") ? root.get("messages") : root.path("input");
        String key = headers.first("x-headroom-session-id").orElseGet(() -> sessionKey(root, items));
        List<String> hashes = new ArrayList<>();
        for (JsonNode item : items) {
            hashes.add(ContentHash.of(JsonCodec.write(item)));
        }
        List<Item> previous = load(key);
        List<JsonNode> replay = new ArrayList<>();
        for (int i = 0; i < Math.min(previous.size(), hashes.size()); i++) {
            if (!previous.get(i).originalHash().equals(hashes.get(i))) {
                break;
            }
            replay.add(previous.get(i).forwarded());
        }
        CompressionResult result = engine.compress(body, options.withReplayPrefix(replay));
        JsonNode out = JsonCodec.parse(result.bytes());
        JsonNode forwarded = out.has("messages") ? out.get("messages") : out.path("input");
        List<Item> next = new ArrayList<>();
        for (int i = 0; i < hashes.size() && i < forwarded.size(); i++) {
            next.add(new Item(hashes.get(i), forwarded.get(i)));
        }
        try {
            store.save(key, List.copyOf(next));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cache mode: the session store could not save a prefix", e);
        }
        return result;
    }

    private List<Item> load(String key) {
        try {
            List<Item> items = store.load(key);
            return items == null ? List.of() : items;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cache mode: the session store could not load a prefix", e);
            return List.of();
        }
    }

    private static String sessionKey(JsonNode root, JsonNode items) {
        String firstUser = "";
        for (JsonNode item : items) {
            if ("user".equals(item.path("role").asText())) {
                firstUser = JsonCodec.write(item);
                break;
            }
        }
        return ContentHash.of(root.path("model").asText("") + '\u0000' + JsonCodec.write(root.path("system"))
                + '\u0000' + firstUser);
    }
}
