package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;

/**
 * Where cache mode keeps, per session, the conversation items of the last turn: each item's hash as the client
 * sent it and the item as it was forwarded. On the next turn the longest prefix the client resends unchanged is
 * replayed from here byte-for-byte, so the provider's prompt cache keeps hitting.
 *
 * <p>The default, {@link #inMemory()}, keeps sessions in the process; a fleet of proxies behind a load balancer
 * shares one store (headroom-redis implements it with {@code --store redis://...}), so that a turn landing on
 * another instance replays what the first one forwarded.
 *
 * <p>A store must never fail a request: one that cannot answer {@link #load} returns an empty list (the turn is
 * then compressed as a session with no known prefix), and one that cannot {@link #save} drops the items. The
 * gateway still treats an exception from either as exactly that. Implementations are thread-safe.
 */
public interface SessionPrefixStore {
    /** Sessions the default in-memory store keeps before forgetting the least recently used. */
    int DEFAULT_MAX_SESSIONS = 10_000;

    /**
     * One conversation item of a session.
     *
     * @param originalHash {@link dev.headroom.retention.ContentHash} of the item's compact JSON as the client sent it
     * @param forwarded    the item as it was forwarded upstream (possibly compressed, carrying retrieval markers)
     */
    record Item(String originalHash, JsonNode forwarded) {
        public Item {
            Objects.requireNonNull(originalHash, "originalHash");
            Objects.requireNonNull(forwarded, "forwarded");
        }
    }

    /** The items saved for {@code sessionKey}, in conversation order; empty when none are known (or reachable). */
    List<Item> load(String sessionKey);

    /** Replaces the items of {@code sessionKey} with {@code items} (the whole conversation of the latest turn). */
    void save(String sessionKey, List<Item> items);

    /** The in-process default: at most {@link #DEFAULT_MAX_SESSIONS} sessions, least recently used forgotten. */
    static SessionPrefixStore inMemory() {
        return inMemory(DEFAULT_MAX_SESSIONS);
    }

    /**
     * An in-process store of at most {@code maxSessions} sessions, least recently used forgotten.
     *
     * @throws IllegalArgumentException when {@code maxSessions} is below 1
     */
    static SessionPrefixStore inMemory(int maxSessions) {
        return new InMemorySessionPrefixStore(maxSessions);
    }
}
