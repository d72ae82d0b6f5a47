package dev.headroom.stats;

import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * The output shaper's holdout so far: one {@link HoldoutCell} per arm and stratum, in {@link HoldoutCell#ORDER}.
 * Immutable; {@link #plus} returns a new tally.
 */
public final class HoldoutTally {
    /** Nothing counted. */
    public static final HoldoutTally EMPTY = new HoldoutTally(new TreeMap<>());

    private final TreeMap<String, HoldoutCell> cells;

    private HoldoutTally(TreeMap<String, HoldoutCell> cells) {
        this.cells = cells;
    }

    /** The tally of {@code cells}, those of one arm and stratum summed. */
    public static HoldoutTally of(Collection<HoldoutCell> cells) {
        TreeMap<String, HoldoutCell> map = new TreeMap<>();
        for (HoldoutCell c : cells) {
            map.merge(c.key(), c, HoldoutCell::plus);
        }
        return new HoldoutTally(map);
    }

    /** This tally with {@code cell} added. */
    public HoldoutTally plus(HoldoutCell cell) {
        TreeMap<String, HoldoutCell> map = new TreeMap<>(cells);
        map.merge(cell.key(), cell, HoldoutCell::plus);
        return new HoldoutTally(map);
    }

    /** Every cell, by model family, turn kind, then arm. */
    public List<HoldoutCell> cells() {
        return List.copyOf(cells.values());
    }

    /** Whether nothing was counted. */
    public boolean isEmpty() {
        return cells.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HoldoutTally t && cells.equals(t.cells);
    }

    @Override
    public int hashCode() {
        return cells.hashCode();
    }

    @Override
    public String toString() {
        return "HoldoutTally" + cells.values();
    }
}
