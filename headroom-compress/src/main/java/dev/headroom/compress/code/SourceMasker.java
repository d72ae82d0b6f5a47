package dev.headroom.compress.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Blanks out the contents of strings, template literals, regular-expression literals and comments of a
 * brace-delimited source (keeping line breaks and the length), so that braces, parentheses and keywords in
 * the result are code. Records where the comments were. Gives nothing when a comment, template or raw string
 * is left open, which means the source is not what the language accepts.
 */
final class SourceMasker {
    /**
     * A masked source.
     *
     * @param text     the source with literal and comment contents replaced by spaces
     * @param comments each comment as {start, end} character offsets (end exclusive)
     */
    record Masked(String text, List<int[]> comments) {
    }

    private final String code;
    private final BraceLanguage language;
    private final char[] out;
    private final List<int[]> comments = new ArrayList<>();

    private SourceMasker(String code, BraceLanguage language) {
        this.code = code;
        this.language = language;
        this.out = code.toCharArray();
    }

    static Optional<Masked> mask(String code, BraceLanguage language) {
        SourceMasker masker = new SourceMasker(code, language);
        return masker.run() ? Optional.of(new Masked(new String(masker.out), masker.comments)) : Optional.empty();
    }

    private boolean run() {
        int n = code.length();
        int i = 0;
        char previous = 0;
        int wordStart = -1;
        int wordEnd = -2;
        while (i < n) {
            char c = code.charAt(i);
            char next = i + 1 < n ? code.charAt(i + 1) : 0;
            int end;
            if (c == '/' && next == '/') {
                end = code.indexOf('\n', i);
                end = end < 0 ? n : end;
                comment(i, end);
            } else if (c == '/' && next == '*') {
                end = blockCommentEnd(i);
                if (end < 0) {
                    return false;
                }
                comment(i, end);
            } else if (c == '"') {
                end = quotedEnd(i, '"', language == BraceLanguage.RUST);
            } else if (c == '\'') {
                end = language == BraceLanguage.RUST ? rustQuoteEnd(i) : quotedEnd(i, '\'', false);
            } else if (c == '`' && language != BraceLanguage.RUST) {
                end = language == BraceLanguage.GO ? rawEnd(i) : templateEnd(i);
            } else if (language == BraceLanguage.RUST && (c == 'r' || c == 'b') && rawStringStart(i)) {
                end = rustRawEnd(i);
            } else if (c == '/' && language == BraceLanguage.JAVASCRIPT
                    && regexAllowed(previous, wordEnd == lastSignificant(i) ? code.substring(wordStart, wordEnd + 1) : "")) {
                end = regexEnd(i);
            } else {
                if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                    wordStart = wordEnd == i - 1 ? wordStart : i;
                    wordEnd = i;
                    if (wordEnd - wordStart > 8) {
                        wordStart = wordEnd - 8;
                    }
                }
                if (!Character.isWhitespace(c)) {
                    previous = c;
                }
                i++;
                continue;
            }
            if (end < 0) {
                return false;
            }
            if (comments.isEmpty() || comments.get(comments.size() - 1)[0] != i) {
                blank(i + 1, end - 1);
                previous = 'x';
                wordEnd = -2;
            }
            i = end;
        }
        return true;
    }

    private void comment(int start, int end) {
        comments.add(new int[] {start, end});
        blank(start, end);
    }

    private void blank(int from, int to) {
        for (int k = Math.max(0, from); k < to && k < out.length; k++) {
            if (out[k] != '\n') {
                out[k] = ' ';
            }
        }
    }

    private int blockCommentEnd(int start) {
        int depth = 0;
        int i = start;
        while (i + 1 < code.length()) {
            if (code.charAt(i) == '/' && code.charAt(i + 1) == '*') {
                depth = language == BraceLanguage.RUST ? depth + 1 : 1;
                i += 2;
            } else if (code.charAt(i) == '*' && code.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The end of a quoted literal; a line break ends it too unless {@code multiline}. */
    private int quotedEnd(int start, char quote, boolean multiline) {
        int i = start + 1;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n' && !multiline) {
                return i;
            } else {
                i++;
            }
        }
        return multiline ? -1 : code.length();
    }

    /** A Rust char literal ({@code 'a'}, {@code '\n'}) or, when it is none, a lifetime's quote alone. */
    private int rustQuoteEnd(int start) {
        int n = code.length();
        if (start + 1 < n && code.charAt(start + 1) == '\\') {
            return quotedEnd(start, '\'', false);
        }
        int width = start + 1 < n && Character.isHighSurrogate(code.charAt(start + 1)) ? 2 : 1;
        int close = start + 1 + width;
        return close < n && code.charAt(close) == '\'' ? close + 1 : start + 1;
    }

    private int rawEnd(int start) {
        int end = code.indexOf('`', start + 1);
        return end < 0 ? -1 : end + 1;
    }

    private int templateEnd(int start) {
        int i = start + 1;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '`') {
                return i + 1;
            } else if (c == '$' && i + 1 < code.length() && code.charAt(i + 1) == '{') {
                i = expressionEnd(i + 2);
                if (i < 0) {
                    return -1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The end of a template literal's {@code ${ … }} expression, strings and nested templates included. */
    private int expressionEnd(int start) {
        int depth = 1;
        int i = start;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
                i++;
            } else if (c == '}') {
                depth--;
                i++;
                if (depth == 0) {
                    return i;
                }
            } else if (c == '`') {
                i = templateEnd(i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '"' || c == '\'') {
                i = quotedEnd(i, c, false);
            } else {
                i++;
            }
        }
        return -1;
    }

    private boolean rawStringStart(int i) {
        if (i > 0 && (Character.isLetterOrDigit(code.charAt(i - 1)) || code.charAt(i - 1) == '_')) {
            return false;
        }
        int j = code.charAt(i) == 'b' && i + 1 < code.length() && code.charAt(i + 1) == 'r' ? i + 2 : i + 1;
        if (code.charAt(i) == 'b' && j == i + 1) {
            return false;
        }
        while (j < code.length() && code.charAt(j) == '#') {
            j++;
        }
        return j < code.length() && code.charAt(j) == '"';
    }

    private int rustRawEnd(int start) {
        int j = code.indexOf('r', start) + 1;
        int hashes = 0;
        while (code.charAt(j) == '#') {
            hashes++;
            j++;
        }
        String closing = "\"" + "#".repeat(hashes);
        int end = code.indexOf(closing, j + 1);
        return end < 0 ? -1 : end + closing.length();
    }

    private static boolean regexAllowed(char previous, String previousWord) {
        if (previous == 0 || "(,=:[!&|?{};+-*%<>~^".indexOf(previous) >= 0) {
            return true;
        }
        return switch (previousWord) {
            case "return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await" -> true;
            default -> false;
        };
    }

    private int regexEnd(int start) {
        boolean inClass = false;
        int i = start + 1;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\n') {
                return -1;
            } else if (c == '\\') {
                i += 2;
                continue;
            } else if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    /** The offset of the last non-whitespace character before {@code i}, or -1. */
    private int lastSignificant(int i) {
        int j = i - 1;
        while (j >= 0 && Character.isWhitespace(code.charAt(j))) {
            j--;
        }
        return j;
    }
}
