package dev.headroom.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link SessionPrefixStore#inMemory(int)}: an LRU map of sessions, guarded by its own lock. */
final class InMemorySessionPrefixStore implements SessionPrefixStore {
    private final Map<String, List<Item>> sessions;

    InMemorySessionPrefixStore(int maxSessions) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1, got " + maxSessions);
        }
        this.sessions = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Item>> eldest) {
                return size() > maxSessions;
            }
        };
    }

    @Override
    public List<Item> load(String sessionKey) {
        synchronized (sessions) {
            return sessions.getOrDefault(sessionKey, List.of());
        }
    }

    @Override
    public void save(String sessionKey, List<Item> items) {
        List<Item> copy = List.copyOf(items);
        synchronized (sessions) {
            sessions.put(sessionKey, copy);
        }
    }
}
