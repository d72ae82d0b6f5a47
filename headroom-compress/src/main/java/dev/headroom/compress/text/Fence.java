package dev.headroom.compress.text;

import java.util.Locale;

/**
 * The opening line of a fenced code block: three or more backticks or tildes, optionally followed by an
 * info string. Unlike CommonMark, any indentation is accepted, so fences nested in list items are found.
 *
 * @param marker the fence character, {@code `} or {@code ~}
 * @param length how many fence characters open the block
 * @param info   the first word of the info string, lower case (such as {@code "json"}), or empty
 */
public record Fence(char marker, int length, String info) {

    /** The fence that {@code line} opens, or null when it opens none. */
    public static Fence open(String line) {
        int indent = 0;
        while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
            indent++;
        }
        if (indent >= line.length()) {
            return null;
        }
        char c = line.charAt(indent);
        if (c != '`' && c != '~') {
            return null;
        }
        int end = indent;
        while (end < line.length() && line.charAt(end) == c) {
            end++;
        }
        int length = end - indent;
        if (length < 3) {
            return null;
        }
        String rest = line.substring(end).strip();
        if (c == '`' && rest.indexOf('`') >= 0) {
            return null;
        }
        int space = rest.indexOf(' ');
        String info = (space < 0 ? rest : rest.substring(0, space)).toLowerCase(Locale.ROOT);
        if (info.startsWith("{") || info.startsWith(".")) {
            info = info.replaceAll("[{}.]", "");
        }
        return new Fence(c, length, info);
    }

    /** Whether {@code line} closes this fence: the same character, at least as long, nothing after it. */
    public boolean closes(String line) {
        String stripped = line.strip();
        if (stripped.length() < length) {
            return false;
        }
        for (int i = 0; i < stripped.length(); i++) {
            if (stripped.charAt(i) != marker) {
                return false;
            }
        }
        return true;
    }

    /**
     * The index of the line that closes the fence opened at {@code openLine}, or {@code lines.length} when
     * the block runs to the end of the text.
     */
    public static int closingLine(String[] lines, int openLine, Fence fence) {
        for (int i = openLine + 1; i < lines.length; i++) {
            if (fence.closes(lines[i])) {
                return i;
            }
        }
        return lines.length;
    }
}
