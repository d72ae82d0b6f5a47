package dev.headroom.pipeline;

import dev.headroom.retention.Marker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool output that repeats most lines of an earlier output of the same tool (the same `kubectl get pods`
 * a few minutes later, a re-run test suite) is rendered as the lines that differ from the earlier one.
 * The comparison is between what the model sees: two originals, or two compressed renderings.
 */
final class NearDuplicates {
    /** Share of lines two outputs must have in common. */
    static final double MIN_SHARED = 0.6;
    /** Stands for a marker line while comparing; never shown (the caller appends the later output's marker). */
    private static final String ANY_MARKER = "\u0000marker";

    private NearDuplicates() {
    }

    /**
     * The delta of {@code later} against {@code earlier}, or null when they share too few lines.
     *
     * @param reference how the earlier output is named, such as {@code "tool call toolu_1"}
     */
    static String delta(String earlier, String later, String reference) {
        return delta(earlier.split("\n", -1), later.split("\n", -1), reference);
    }

    /**
     * The delta of two compressed renderings. Their markers differ only by the hash of their own original, so a
     * marker line counts as the same line in both; the caller appends the marker of the later original.
     */
    static String renderedDelta(String earlier, String later, String reference) {
        return delta(withoutMarkerHashes(earlier), withoutMarkerHashes(later), reference);
    }

    private static String[] withoutMarkerHashes(String rendered) {
        String[] lines = rendered.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (Marker.containsMarker(lines[i])) {
                lines[i] = ANY_MARKER;
            }
        }
        return lines;
    }

    private static String delta(String[] a, String[] b, String reference) {
        Map<String, Integer> available = new HashMap<>();
        for (String line : a) {
            available.merge(line, 1, Integer::sum);
        }
        boolean[] inA = new boolean[b.length];
        int shared = 0;
        for (int i = 0; i < b.length; i++) {
            Integer n = available.get(b[i]);
            if (n != null && n > 0) {
                available.put(b[i], n - 1);
                inA[i] = true;
                shared++;
            }
        }
        if (shared < MIN_SHARED * Math.max(a.length, b.length)) {
            return null;
        }
        Map<String, Integer> unmatched = new HashMap<>(available);
        List<String> out = new ArrayList<>();
        out.add("[same as the output of " + reference + " above, except these lines (- only there, + only here, with line numbers)]");
        for (int i = 0; i < a.length; i++) {
            Integer n = unmatched.get(a[i]);
            if (n != null && n > 0) {
                unmatched.put(a[i], n - 1);
                if (!a[i].equals(ANY_MARKER)) {
                    out.add("- " + (i + 1) + ": " + a[i]);
                }
            }
        }
        for (int i = 0; i < b.length; i++) {
            if (!inA[i] && !b[i].equals(ANY_MARKER)) {
                out.add("+ " + (i + 1) + ": " + b[i]);
            }
        }
        if (out.size() == 1) {
            return "[same lines as the output of " + reference + " above; this output in full is behind the marker below]";
        }
        return String.join("\n", out);
    }
}
