package dev.headroom.compress.diff;

import java.util.List;

/**
 * One hunk of a unified diff.
 *
 * @param header   the {@code @@ -a,b +c,d @@ section} line as written
 * @param oldStart first line in the old file
 * @param newStart first line in the new file
 * @param section  the text after the closing {@code @@} (often the enclosing function), possibly empty
 * @param lines    the body: lines starting with space, {@code -}, {@code +} or {@code \}
 */
record Hunk(String header, int oldStart, int newStart, String section, List<String> lines) {
    Hunk {
        lines = List.copyOf(lines);
    }

    int added() {
        return count('+');
    }

    int removed() {
        return count('-');
    }

    private int count(char kind) {
        int n = 0;
        for (String line : lines) {
            if (!line.isEmpty() && line.charAt(0) == kind) {
                n++;
            }
        }
        return n;
    }

    /** The changed lines ({@code +} and {@code -}) and the section text, for relevance checks. */
    String changedText() {
        StringBuilder sb = new StringBuilder(section).append('\n');
        for (String line : lines) {
            if (!line.isEmpty() && (line.charAt(0) == '+' || line.charAt(0) == '-')) {
                sb.append(line, 1, line.length()).append('\n');
            }
        }
        return sb.toString();
    }
}
