package dev.headroom.compress.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into lines and shows over-long lines shortened with a clearly marked cut. Stateless.
 */
public final class TextLines {
    /** Lines longer than this are shown shortened. */
    public static final int LONG_LINE = 1_600;
    private static final int HEAD_CHARS = 500;
    private static final int TAIL_CHARS = 160;

    private TextLines() {
    }

    /** The lines of {@code text}, split on {@code \n}, each without a trailing {@code \r}; no final empty line. */
    public static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(text.substring(start, stop));
            start = end + 1;
        }
        return lines;
    }

    /**
     * The line itself when it is short enough, otherwise its head and tail around a marked cut such as
     * {@code [… 198,000 chars …]}. The shown parts are exact substrings of the line.
     */
    public static String display(String line) {
        if (line.length() <= LONG_LINE) {
            return line;
        }
        int head = safeCut(line, HEAD_CHARS);
        int tail = safeCut(line, line.length() - TAIL_CHARS);
        return line.substring(0, head) + " [… " + String.format(java.util.Locale.ROOT, "%,d", tail - head)
                + " chars …] " + line.substring(tail);
    }

    /** Moves a cut position off the middle of a surrogate pair. */
    private static int safeCut(String s, int index) {
        if (index > 0 && index < s.length() && Character.isLowSurrogate(s.charAt(index))
                && Character.isHighSurrogate(s.charAt(index - 1))) {
            return index - 1;
        }
        return index;
    }

    /** The index of the first non-blank line in {@code [from, from + window)}, or -1. */
    public static int nextNonBlank(List<String> lines, int from, int window) {
        for (int i = from; i < Math.min(lines.size(), from + window); i++) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    /** The number of leading spaces and tabs. */
    public static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Formats a count with thousands separators, locale-independently. */
    public static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
