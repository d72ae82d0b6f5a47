package dev.headroom.compress.json;

import dev.headroom.compress.table.RowSelector;

import java.util.List;

/**
 * How hard one lossy pass cuts: rows kept per array of objects, items kept per array of scalars, and from
 * which length a string is shortened (and to how many characters). Passes are tried from the gentlest until
 * one meets the size target.
 *
 * @param top       budget for arrays that are not inside another array (the main collections)
 * @param nested    budget for arrays inside array items (a pod's containers, a series' points)
 * @param scalars   budget for nested arrays of strings and numbers
 * @param maxString strings longer than this are shortened (unless they are needles)
 * @param keep      how many characters a shortened string keeps
 */
record Level(RowSelector.Budget top, RowSelector.Budget nested, RowSelector.Budget scalars, int maxString, int keep) {
    /** Whether this is the harshest pass, used only when the gentler ones leave too much. */
    boolean lastResort() {
        return this == ALL.get(ALL.size() - 1);
    }

    /** Long hex or base64 tokens (digests, keys) keep this many characters. */
    static final int DIGEST_KEEP = 12;

    static final List<Level> ALL = List.of(
            new Level(budget(24, 40, 3), budget(12, 20, 2), budget(8, 20, 3), 400, 200),
            new Level(budget(12, 30, 2), budget(5, 12, 2), budget(5, 10, 2), 200, 100),
            new Level(budget(8, 20, 2), budget(3, 8, 1), budget(3, 6, 2), 120, 64),
            new Level(budget(5, 16, 2), budget(2, 6, 1), budget(2, 4, 1), 100, 48),
            new Level(budget(3, 12, 1), budget(1, 4, 1), budget(1, 3, 1), 80, 40));

    private static RowSelector.Budget budget(int rows, int cap, int first) {
        return new RowSelector.Budget(rows, cap, first);
    }
}
