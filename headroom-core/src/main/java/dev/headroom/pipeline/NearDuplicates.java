package dev.headroom.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool output that repeats most lines of an earlier output of the same tool (the same `kubectl get pods`
 * a few minutes later, a re-run test suite) is rendered as the lines that differ from the earlier one.
 */
final class NearDuplicates {
    /** Share of lines two outputs must have in common. */
    static final double MIN_SHARED = 0.6;

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
                out.add("- " + (i + 1) + ": " + a[i]);
            }
        }
        for (int i = 0; i < b.length; i++) {
            if (!inA[i]) {
                out.add("+ " + (i + 1) + ": " + b[i]);
            }
        }
        return String.join("\n", out);
    }
}
