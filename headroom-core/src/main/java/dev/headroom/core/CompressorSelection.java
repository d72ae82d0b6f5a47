package dev.headroom.core;

import dev.headroom.spi.Compressor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The selection policy for compressors: all of them, ordered by priority (highest first) and then by name;
 * when two share a name, the one with the higher priority (then the first found) wins and the other is
 * reported.
 */
final class CompressorSelection {
    private static final System.Logger LOG = System.getLogger("dev.headroom");

    private CompressorSelection() {
    }

    static List<Compressor> order(List<Compressor> candidates) {
        List<Compressor> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt(Compressor::priority).reversed().thenComparing(Compressor::name));
        Map<String, Compressor> byName = new LinkedHashMap<>();
        for (Compressor c : sorted) {
            Compressor previous = byName.putIfAbsent(c.name(), c);
            if (previous != null) {
                LOG.log(System.Logger.Level.WARNING, "Two compressors are named '" + c.name() + "': using "
                        + previous.getClass().getName() + ", ignoring " + c.getClass().getName());
            }
        }
        return List.copyOf(byName.values());
    }
}
