package dev.headroom.compress.search;

/**
 * One line of search output that names a file and a line: a match ({@code path:12:text}) or a context line
 * ({@code path-13-text}).
 *
 * @param path       the file, exactly as printed (empty when the tool printed no file name)
 * @param lineNumber the line number, exactly as printed
 * @param content    the matched or context text
 * @param match      true for a match line, false for a context line
 * @param index      the position of this line among all parsed lines of the output
 */
record SearchHit(String path, String lineNumber, String content, boolean match, int index) {

    /** The line as a grouped (heading-mode) rendering prints it: {@code 12:text} or {@code 13-text}. */
    String groupedLine() {
        return lineNumber + (match ? ':' : '-') + content;
    }

    long number() {
        try {
            return Long.parseLong(lineNumber);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
