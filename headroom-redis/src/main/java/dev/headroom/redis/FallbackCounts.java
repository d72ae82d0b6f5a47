package dev.headroom.redis;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of the fallbacks taken while Redis was unreachable, by reason code; every known code starts at 0. */
final class FallbackCounts {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    FallbackCounts(String... reasons) {
        for (String reason : reasons) {
            counts.put(reason, new LongAdder());
        }
    }

    /** Makes {@code reasons} show up with 0 until they are first recorded. */
    void register(String... reasons) {
        for (String reason : reasons) {
            counts.putIfAbsent(reason, new LongAdder());
        }
    }

    void record(String reason) {
        counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((reason, n) -> out.put(reason, n.sum()));
        return out;
    }
}
