package dev.headroom.compress.text;

/** Finds where a JSON value that starts at the beginning of a line ends, by bracket matching. */
final class JsonSpan {
    private JsonSpan() {
    }

    /**
     * The index of the line on which the bracketed value opened on line {@code start} closes, or -1 when it
     * does not close or the closing line carries more text.
     *
     * @param scanned receives in its first slot how many characters were read
     */
    static int endLine(String[] lines, int start, int[] scanned) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        int read = 0;
        for (int i = start; i < lines.length; i++) {
            String line = lines[i];
            for (int k = 0; k < line.length(); k++) {
                char c = line.charAt(k);
                read++;
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (c == '\\') {
                        escaped = true;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                    if (depth == 0) {
                        scanned[0] = read;
                        return line.substring(k + 1).isBlank() ? i : -1;
                    }
                }
            }
            read++;
        }
        scanned[0] = read;
        return -1;
    }
}
