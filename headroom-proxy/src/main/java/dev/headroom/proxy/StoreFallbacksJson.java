package dev.headroom.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code store_fallbacks} object of {@code /stats}: how often a shared store (Redis) was unreachable and the
 * proxy fell back, by reason code ({@code store_unavailable:retention}, ...). Absent for a local store.
 */
final class StoreFallbacksJson {
    private StoreFallbacksJson() {
    }

    static void put(ObjectNode stats, Map<String, Long> fallbacks) {
        if (fallbacks.isEmpty()) {
            return;
        }
        ObjectNode node = stats.putObject("store_fallbacks");
        new TreeMap<>(fallbacks).forEach(node::put); // sorted: same counts, same bytes
    }
}
