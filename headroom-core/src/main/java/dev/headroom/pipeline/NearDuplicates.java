package dev.headroom.pipeline;

import dev.headroom.retention.ContentHash;
import dev.headroom.retention.Marker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tool output that repeats most lines of an earlier output of the same tool (the same `kubectl get pods`
 * a few minutes later, a re-run test suite) is rendered as the lines that differ from the earlier one.
 * The comparison is between what the model sees: two originals, or two compressed renderings.
 */
final class NearDuplicates {
    /** Share of lines two outputs must have in common. */
    static final double MIN_SHARED = 0.6;
    private static final Pattern MARKER_HASH = Pattern.compile("hash=[0-9a-f]{" + ContentHash.LENGTH + "}");

    private NearDuplicates() {
    }

    /**
     * The delta of {@code later} against {@code earlier}, or null when they share too few lines.
     *
     * @param reference how the earlier output is named, such as {@code "tool call toolu_1"}
     */
    static String delta(String earlier, String later, String reference) {
        String[] a = earlier.split("\n", -1);
        String[] b = later.split("\n", -1);
        return delta(a, a, b, b, reference);
    }

    /**
     * The delta of two compressed renderings. Their markers name different hashes (each its own original), so
     * lines are compared with the hashes blanked; a marker whose summary changed still shows as a changed line.
     */
    static String renderedDelta(String earlier, String later, String reference) {
        String[] a = earlier.split("\n", -1);
        String[] b = later.split("\n", -1);
        return delta(withoutMarkerHashes(a), a, withoutMarkerHashes(b), b, reference);
    }

    private static String[] withoutMarkerHashes(String[] lines) {
        String[] keys = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            keys[i] = Marker.containsMarker(lines[i]) ? MARKER_HASH.matcher(lines[i]).replaceAll("hash=") : lines[i];
        }
        return keys;
    }

    /** Compares lines by {@code aKeys}/{@code bKeys} and shows the lines that differ as {@code aShown}/{@code bShown}. */
    private static String delta(String[] aKeys, String[] aShown, String[] bKeys, String[] bShown, String reference) {
        Map<String, Integer> available = new HashMap<>();
        for (String line : aKeys) {
            available.merge(line, 1, Integer::sum);
        }
        boolean[] inA = new boolean[bKeys.length];
        int shared = 0;
        for (int i = 0; i < bKeys.length; i++) {
            Integer n = available.get(bKeys[i]);
            if (n != null && n > 0) {
                available.put(bKeys[i], n - 1);
                inA[i] = true;
                shared++;
            }
        }
        if (shared < MIN_SHARED * Math.max(aKeys.length, bKeys.length)) {
            return null;
        }
        Map<String, Integer> unmatched = new HashMap<>(available);
        List<String> out = new ArrayList<>();
        out.add("[same as the output of " + reference + " above, except these lines (- only there, + only here, with line numbers)]");
        for (int i = 0; i < aKeys.length; i++) {
            Integer n = unmatched.get(aKeys[i]);
            if (n != null && n > 0) {
                unmatched.put(aKeys[i], n - 1);
                out.add("- " + (i + 1) + ": " + aShown[i]);
            }
        }
        for (int i = 0; i < bKeys.length; i++) {
            if (!inA[i]) {
                out.add("+ " + (i + 1) + ": " + bShown[i]);
            }
        }
        if (out.size() == 1) {
            return "[same lines as the output of " + reference + " above; this output in full is behind the marker below]";
        }
        return String.join("\n", out);
    }
}
