package dev.headroom.compress.log;

import java.util.List;

/**
 * The lossless rendering of line-oriented output: a run of identical consecutive lines becomes one line
 * prefixed with {@code [×N]}, and trailing blanks are dropped. Nothing else changes.
 */
public final class LosslessCollapse {
    private static final int MIN_RUN = 3;

    private LosslessCollapse() {
    }

    /** The collapsed text, or null when it would change nothing or could be misread. */
    public static String collapse(List<String> lines) {
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.startsWith("[×")) {
                return null;
            }
            String stripped = line.stripTrailing();
            int j = i + 1;
            while (j < lines.size() && lines.get(j).stripTrailing().equals(stripped)) {
                j++;
            }
            int run = j - i;
            if (run >= MIN_RUN && !stripped.isEmpty()) {
                out.append("[×").append(run).append("] ").append(stripped).append('\n');
                changed = true;
                i = j;
                continue;
            }
            changed |= stripped.length() != line.length();
            out.append(stripped).append('\n');
            i++;
        }
        return changed ? out.toString() : null;
    }
}
