package dev.headroom.memory.agent;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The open memory files of a proxy, at most {@value #MAX_OPEN} (the least recently used is closed). Thread-safe. */
final class MemoryStores implements AutoCloseable {
    static final int MAX_OPEN = 32;
    private final Clock clock;
    private final Map<Path, MemoryStore> open = new LinkedHashMap<>(16, 0.75f, true);

    MemoryStores(Clock clock) {
        this.clock = clock;
    }

    synchronized MemoryStore get(Path file, String scope) {
        MemoryStore store = open.get(file);
        if (store == null) {
            store = MemoryStore.open(file, scope, clock);
            open.put(file, store);
            if (open.size() > MAX_OPEN) {
                Map.Entry<Path, MemoryStore> eldest = open.entrySet().iterator().next();
                eldest.getValue().close();
                open.remove(eldest.getKey());
            }
        }
        return store;
    }

    @Override
    public synchronized void close() {
        open.values().forEach(MemoryStore::close);
        open.clear();
    }
}
