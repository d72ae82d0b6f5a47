package dev.headroom.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed edit that quotes views of its file — SWE-agent's linter rejection shows "how your edit would have
 * looked" and "the original code before your edit" as editor views — goes stale once the file was changed
 * and shown again later in the conversation. Its views are then replaced by one notice line each; the rest of
 * the output (the error that made the edit fail, the instructions around it) stays as it was.
 */
final class StaleEditPreviews {
    private static final Pattern VIEW_LINE = Pattern.compile("^\\[File: (\\S+) \\(\\d+ lines total\\)]\r?$");
    private static final Pattern NUMBERED = Pattern.compile("^(\\d+):");
    private static final Pattern MORE_LINES = Pattern.compile("^\\(\\d+ more lines (?:above|below)\\)\r?$");

    private StaleEditPreviews() {
    }

    /** The file a failed edit's output quotes views of (below its first lines), or null. */
    static String previewedPath(String text) {
        Matcher m = StaleReads.VIEW_HEADER.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** {@code text} with every quoted view of {@code path} replaced by a notice line naming its line range. */
    static String withoutViews(String text, String path) {
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        String shownPath = path.replaceAll("[\\[\\]\\r\\n]", "_");
        int i = 0;
        while (i < lines.length) {
            Matcher header = VIEW_LINE.matcher(lines[i]);
            if (!header.matches() || !StaleReads.samePath(header.group(1), path)) {
                out.add(lines[i++]);
                continue;
            }
            String first = null;
            String last = null;
            int j = i + 1;
            for (; j < lines.length; j++) {
                Matcher numbered = NUMBERED.matcher(lines[j]);
                if (numbered.find()) {
                    first = first == null ? numbered.group(1) : first;
                    last = numbered.group(1);
                } else if (!MORE_LINES.matcher(lines[j]).matches()) {
                    break;
                }
            }
            String range = first == null ? "" : ", lines " + first + "-" + last;
            String lineEnd = lines[i].endsWith("\r") ? "\r" : "";
            out.add("[stale view of " + shownPath + range + ": the file was changed after this edit attempt]" + lineEnd);
            i = j;
        }
        return String.join("\n", out);
    }
}
