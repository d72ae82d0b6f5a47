package dev.headroom.compress.code;

import java.util.List;

/**
 * Replaces source lines {@code first..last} (0-based, inclusive) by {@code replacement}; replacement line
 * {@code i} stands for source line {@code min(first + i, last)}.
 *
 * @param first       the first replaced line
 * @param last        the last replaced line
 * @param replacement the lines shown instead (may be empty)
 * @param elidedLines how many source lines of code this edit hides (0 for a shortened comment)
 */
record LineEdit(int first, int last, List<String> replacement, int elidedLines) {
    LineEdit {
        replacement = List.copyOf(replacement);
    }

    static LineEdit body(int first, int last, String line, int hidden) {
        return new LineEdit(first, last, List.of(line), hidden);
    }

    static LineEdit comment(int first, int last, String line) {
        return new LineEdit(first, last, List.of(line), 0);
    }

    /** Whether this edit hides code (a function body), not only shortens a comment or an import list. */
    boolean elidesCode() {
        return elidedLines > 0;
    }
}
