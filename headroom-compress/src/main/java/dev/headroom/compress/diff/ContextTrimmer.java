package dev.headroom.compress.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a hunk's context to one line around each run of changes. Where a long run of context is cut out of
 * the middle, the hunk is split in two with exact new {@code @@} headers, so the result is still a valid
 * diff with correct line numbers. Stateless.
 */
final class ContextTrimmer {
    private static final int KEEP = 1;
    /** Interior context runs up to this long are kept: a split would cost a header line. */
    private static final int MAX_KEPT_GAP = 3;

    private ContextTrimmer() {
    }

    /**
     * The trimmed hunk as lines (headers and bodies).
     *
     * @param dropped receives, at index 0, how many context lines were cut
     */
    static List<String> trim(Hunk hunk, int[] dropped) {
        List<String> lines = hunk.lines();
        int n = lines.size();
        boolean[] keep = new boolean[n];
        int[] oldAt = new int[n];
        int[] newAt = new int[n];
        int o = hunk.oldStart();
        int nw = hunk.newStart();
        for (int i = 0; i < n; i++) {
            oldAt[i] = o;
            newAt[i] = nw;
            char kind = kind(lines.get(i));
            if (kind == ' ') {
                o++;
                nw++;
            } else if (kind == '-') {
                o++;
            } else if (kind == '+') {
                nw++;
            }
        }
        markChangesAndContext(lines, keep);
        List<String> out = new ArrayList<>();
        int cut = 0;
        int i = 0;
        boolean first = true;
        while (i < n) {
            if (!keep[i]) {
                cut++;
                i++;
                continue;
            }
            int end = i;
            while (end < n && keep[end]) {
                end++;
            }
            out.add(header(lines, i, end, oldAt[i], newAt[i], first ? hunk.section() : ""));
            out.addAll(lines.subList(i, end));
            first = false;
            i = end;
        }
        dropped[0] = cut;
        if (cut == 0) {
            List<String> whole = new ArrayList<>();
            whole.add(hunk.header());
            whole.addAll(lines);
            return whole;
        }
        return out;
    }

    private static void markChangesAndContext(List<String> lines, boolean[] keep) {
        int n = lines.size();
        int lastChange = -1;
        for (int i = 0; i < n; i++) {
            char kind = kind(lines.get(i));
            if (kind == '\\') {
                keep[i] = i > 0 && keep[i - 1];
            } else if (kind == '+' || kind == '-') {
                keep[i] = true;
                if (lastChange >= 0 && i - lastChange - 1 <= MAX_KEPT_GAP) {
                    for (int j = lastChange + 1; j < i; j++) {
                        keep[j] = true;
                    }
                }
                for (int j = Math.max(0, i - KEEP); j < i; j++) {
                    keep[j] = true;
                }
                for (int j = i + 1; j <= Math.min(n - 1, i + KEEP); j++) {
                    keep[j] = kind(lines.get(j)) == ' ' || keep[j];
                }
                lastChange = i;
            }
        }
    }

    private static String header(List<String> lines, int from, int to, int oldStart, int newStart, String section) {
        int oldCount = 0;
        int newCount = 0;
        for (int i = from; i < to; i++) {
            char kind = kind(lines.get(i));
            if (kind == ' ' || kind == '-') {
                oldCount++;
            }
            if (kind == ' ' || kind == '+') {
                newCount++;
            }
        }
        return "@@ -" + range(oldCount == 0 ? oldStart - 1 : oldStart, oldCount)
                + " +" + range(newCount == 0 ? newStart - 1 : newStart, newCount) + " @@" + section;
    }

    private static String range(int start, int count) {
        return count == 1 ? String.valueOf(start) : start + "," + count;
    }

    static char kind(String line) {
        return line.isEmpty() ? ' ' : line.charAt(0);
    }
}
