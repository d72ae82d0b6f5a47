package dev.headroom.compress.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Whitespace and repetition clean-up that loses nothing a reader needs: line endings become {@code \n},
 * trailing whitespace goes (a markdown hard break keeps its two spaces), runs of blank lines outside fenced
 * code become one blank line, leading and trailing blank lines go, and a run of identical consecutive lines
 * becomes one line followed by {@code [×N]}.
 */
public final class LosslessText {
    /** The suffix format of a collapsed run: the line, a space and {@code [×N]}. */
    public static final String REPEAT_FORMAT = "%s [×%d]";

    private LosslessText() {
    }

    /**
     * Normalises {@code text}.
     *
     * @param markdown whether two trailing spaces are a markdown hard line break and must stay
     */
    public static String normalize(String text, boolean markdown) {
        String[] lines = splitLines(text);
        List<String> out = new ArrayList<>(lines.length);
        Fence fence = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.stripTrailing();
            if (fence != null) {
                if (fence.closes(stripped)) {
                    fence = null;
                }
                out.add(stripped);
                continue;
            }
            fence = Fence.open(stripped);
            if (stripped.isEmpty()) {
                if (!out.isEmpty() && !out.get(out.size() - 1).isEmpty()) {
                    out.add("");
                }
                continue;
            }
            boolean nextNonBlank = i + 1 < lines.length && !lines[i + 1].isBlank();
            if (markdown && nextNonBlank && line.endsWith("  ") && fence == null) {
                stripped = stripped + "  ";
            }
            out.add(stripped);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return String.join("\n", collapseRepeats(out));
    }

    /** Collapses runs of identical consecutive non-blank lines when that saves text. */
    public static List<String> collapseRepeats(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            int j = i + 1;
            while (j < lines.size() && lines.get(j).equals(line)) {
                j++;
            }
            int run = j - i;
            if (run >= 2 && !line.isBlank() && (run >= 3 || line.strip().length() >= 6)) {
                out.add(String.format(java.util.Locale.ROOT, REPEAT_FORMAT, line, run));
            } else {
                for (int k = i; k < j; k++) {
                    out.add(line);
                }
            }
            i = j;
        }
        return out;
    }

    /** The lines of {@code text}, split at {@code \n}, {@code \r\n} or {@code \r}. */
    public static String[] splitLines(String text) {
        return text.split("\r\n|\r|\n", -1);
    }
}
