package dev.headroom.pipeline;

import dev.headroom.spi.ContentType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the outcome of compressing a unit, keyed by a hash of everything the outcome depends on, so
 * the same tool output resent on every turn is compressed once. Bounded by entries, least recently used
 * first out. Failures are never remembered: a failing compressor gets another chance.
 */
final class UnitMemo {
    /** A compressed text, or (text null) the reason the unit stayed as it was; and the detected type. */
    record Outcome(String text, String compressor, String transform, ReasonCode reason, ContentType type, int tokens) {
    }

    private final Map<String, Outcome> entries;

    UnitMemo(int maxEntries) {
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Outcome> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized Outcome get(String key) {
        return entries.get(key);
    }

    synchronized void put(String key, Outcome outcome) {
        entries.put(key, outcome);
    }
}
