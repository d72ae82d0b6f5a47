package dev.headroom.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link RetentionStore} in memory, bounded by total characters (least recently used go first) and by a
 * time to live.
 */
public final class InMemoryRetentionStore implements RetentionStore {
    private final long maxChars;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long chars;

    private record Entry(String original, Instant storedAt) {
    }

    /** 64 M characters, one hour. */
    public InMemoryRetentionStore() {
        this(64L * 1024 * 1024, Duration.ofHours(1), Clock.systemUTC());
    }

    public InMemoryRetentionStore(long maxChars, Duration ttl, Clock clock) {
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be positive");
        }
        this.maxChars = maxChars;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public String put(String original) {
        String hash = ContentHash.of(original); // outside the lock: units compressed in parallel hash at once
        synchronized (this) {
            Entry previous = entries.put(hash, new Entry(original, clock.instant()));
            if (previous != null) {
                chars -= previous.original().length();
            }
            chars += original.length();
            evict();
        }
        return hash;
    }

    @Override
    public synchronized Optional<String> get(String hash) {
        Entry entry = entries.get(hash);
        if (entry == null) {
            return Optional.empty();
        }
        if (expired(entry)) {
            entries.remove(hash);
            chars -= entry.original().length();
            return Optional.empty();
        }
        return Optional.of(entry.original());
    }

    /** Number of originals held. */
    public synchronized int size() {
        return entries.size();
    }

    private boolean expired(Entry entry) {
        return entry.storedAt().plus(ttl).isBefore(clock.instant());
    }

    private void evict() {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        // The newest entry always stays, so the marker just issued for it can be redeemed.
        while (it.hasNext() && entries.size() > 1 && (chars > maxChars || expired(firstValue()))) {
            Entry eldest = it.next().getValue();
            chars -= eldest.original().length();
            it.remove();
        }
    }

    private Entry firstValue() {
        return entries.values().iterator().next();
    }
}
