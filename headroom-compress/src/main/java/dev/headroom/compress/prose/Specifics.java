package dev.headroom.compress.prose;

/**
 * Counts the specific tokens of a sentence — code spans, URLs, command-line flags, numbers with two or more
 * digits, paths, camelCase and snake_case identifiers, calls — in one pass over its words, without regular
 * expressions.
 */
final class Specifics {
    private Specifics() {
    }

    /** How many specific tokens {@code text} holds, up to {@code cap}. */
    static int count(String text, int cap) {
        int count = 0;
        int ticks = 0;
        int n = text.length();
        int i = 0;
        while (i < n && count < cap) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                if (text.charAt(i) == '`') {
                    ticks++;
                }
                i++;
            }
            if (i > start && isSpecific(text, start, i)) {
                count++;
            }
        }
        return Math.min(cap, count + ticks / 2);
    }

    private static boolean isSpecific(String text, int start, int end) {
        if (text.charAt(start) == '`') {
            return false; // counted with the code spans
        }
        if (text.startsWith("http://", start) || text.startsWith("https://", start)) {
            return true;
        }
        char first = text.charAt(start);
        if (first == '-' && end - start > 1 && (Character.isLetter(text.charAt(start + 1))
                || text.charAt(start + 1) == '-' && end - start > 2 && Character.isLetter(text.charAt(start + 2)))) {
            return true;
        }
        int digits = 0;
        boolean dot = false;
        boolean slash = false;
        boolean underscore = false;
        boolean hump = false;
        boolean paren = false;
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            if (Character.isDigit(c)) {
                digits++;
            } else if (c == '.' && k > start && k + 1 < end && Character.isLetterOrDigit(text.charAt(k + 1))) {
                dot = true;
            } else if ((c == '/' || c == '\\') && end - start > 1) {
                slash = true;
            } else if (c == '_' && k > start && k + 1 < end && Character.isLetterOrDigit(text.charAt(k + 1))) {
                underscore = true;
            } else if (Character.isUpperCase(c) && k > start && Character.isLowerCase(text.charAt(k - 1))) {
                hump = true;
            } else if (c == '(' && k > start) {
                paren = true;
            }
        }
        return digits >= 2 || digits == 1 && dot || slash || underscore || hump || dot && paren;
    }
}
