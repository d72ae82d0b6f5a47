package dev.headroom.compress.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits Python source into logical statements (a statement continues over lines inside brackets, strings
 * and after a backslash), and finds comment-only lines. Gives nothing when a string or bracket is left open,
 * which means the source does not parse.
 */
final class PythonStatements {
    /**
     * One logical statement.
     *
     * @param first  its first line (0-based)
     * @param last   its last line
     * @param indent the width of its first line's indentation (a tab counts 8)
     */
    record Statement(int first, int last, int indent) {
    }

    /**
     * The statements and comment-only lines of a source.
     *
     * @param statements   in order
     * @param commentLines for each line, whether it holds only a comment
     */
    record Parsed(List<Statement> statements, boolean[] commentLines) {
    }

    private PythonStatements() {
    }

    static Optional<Parsed> parse(String code, int lineCount) {
        List<Statement> statements = new ArrayList<>();
        boolean[] commentLines = new boolean[lineCount];
        int line = 0;
        int depth = 0;
        int start = -1;
        int lineStart = 0;
        int startLineOffset = 0;
        boolean lineHasCode = false;
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (c == '\n') {
                if (start >= 0 && depth == 0 && !continued(code, i)) {
                    statements.add(new Statement(start, line, indent(code, startLineOffset)));
                    start = -1;
                }
                line++;
                lineStart = i + 1;
                lineHasCode = false;
                i++;
                continue;
            }
            if (c == '#') {
                if (!lineHasCode && start < 0 && line < lineCount) {
                    commentLines[line] = true;
                }
                int end = code.indexOf('\n', i);
                i = end < 0 ? n : end;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
                i++;
                continue;
            }
            if (start < 0) {
                start = line;
                startLineOffset = lineStart;
            }
            lineHasCode = true;
            if (c == '"' || c == '\'') {
                int end = stringEnd(code, i);
                if (end < 0) {
                    return Optional.empty();
                }
                for (int k = i; k < end; k++) {
                    if (code.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = end;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth < 0) {
                    return Optional.empty();
                }
            }
            i++;
        }
        if (depth != 0) {
            return Optional.empty();
        }
        if (start >= 0) {
            statements.add(new Statement(start, line, indent(code, startLineOffset)));
        }
        return Optional.of(new Parsed(statements, commentLines));
    }

    /** Whether the line ending at {@code newline} continues with a backslash. */
    private static boolean continued(String code, int newline) {
        int j = newline - 1;
        if (j >= 0 && code.charAt(j) == '\r') {
            j--;
        }
        return j >= 0 && code.charAt(j) == '\\';
    }

    /** The end (exclusive) of the string literal starting at {@code start}, or -1 when it is left open. */
    private static int stringEnd(String code, int start) {
        char quote = code.charAt(start);
        boolean triple = code.startsWith(String.valueOf(quote).repeat(3), start);
        int i = start + (triple ? 3 : 1);
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (triple && code.startsWith(String.valueOf(quote).repeat(3), i)) {
                return i + 3;
            } else if (!triple && c == quote) {
                return i + 1;
            } else if (!triple && c == '\n') {
                return -1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The indentation width of the line starting at {@code lineStart}. */
    private static int indent(String code, int lineStart) {
        int width = 0;
        for (int k = lineStart; k < code.length(); k++) {
            char c = code.charAt(k);
            if (c == ' ') {
                width++;
            } else if (c == '\t') {
                width = (width / 8 + 1) * 8;
            } else {
                break;
            }
        }
        return width;
    }
}
