package dev.headroom.compress.code;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies {@link LineEdit}s to source lines. Edits are taken in order of their first line; an edit that starts
 * inside an earlier one (a nested function, a comment inside an elided body) is skipped.
 */
final class LineEdits {
    private LineEdits() {
    }

    /** The edits that apply: sorted, without those nested in or overlapping an earlier one. */
    static List<LineEdit> effective(List<LineEdit> edits) {
        List<LineEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(LineEdit::first).thenComparing(Comparator.comparingInt(LineEdit::last).reversed()));
        List<LineEdit> kept = new ArrayList<>();
        int end = -1;
        for (LineEdit edit : sorted) {
            if (edit.first() > end && edit.last() >= edit.first()) {
                kept.add(edit);
                end = edit.last();
            }
        }
        return kept;
    }

    /** The outline: source lines with the effective edits applied. */
    static List<OutlineLine> apply(List<String> lines, List<LineEdit> effective) {
        List<OutlineLine> out = new ArrayList<>(lines.size());
        int next = 0;
        for (LineEdit edit : effective) {
            for (int i = next; i < edit.first(); i++) {
                out.add(new OutlineLine(i, lines.get(i)));
            }
            for (int i = 0; i < edit.replacement().size(); i++) {
                out.add(new OutlineLine(Math.min(edit.first() + i, edit.last()), edit.replacement().get(i)));
            }
            next = edit.last() + 1;
        }
        for (int i = next; i < lines.size(); i++) {
            out.add(new OutlineLine(i, lines.get(i)));
        }
        return out;
    }

    /** Whether line {@code line} lies in one of {@code ranges} (each {first, last}). */
    static boolean inside(int line, List<int[]> ranges) {
        for (int[] range : ranges) {
            if (line >= range[0] && line <= range[1]) {
                return true;
            }
        }
        return false;
    }
}
