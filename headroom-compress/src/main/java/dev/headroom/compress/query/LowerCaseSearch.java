package dev.headroom.compress.query;

import java.util.List;
import java.util.Locale;

/**
 * Which lower-case needles a text, lower-cased, contains — the answers of
 * {@code text.toLowerCase(Locale.ROOT).contains(needle)} without the lower-cased copy where the text is ASCII.
 * Log and build lines are nearly all ASCII, and most carry capitals ({@code INFO}, class names), so lower-casing
 * each line to search it was one of the largest allocations of a log's compression. An ASCII text is searched with
 * ASCII case folding in place; a text with other characters (whose lower case may differ in length or depend on
 * context) is lower-cased as before. Stateless.
 */
public final class LowerCaseSearch {
    private static final int LOWER_ASCII = 0;
    private static final int ASCII_WITH_CAPITALS = 1;
    private static final int NOT_ASCII = 2;

    private LowerCaseSearch() {
    }

    /** Bit {@code i} set when {@code text}, lower-cased, contains {@code needles.get(i)} (at most 64 needles). */
    public static long mask(String text, List<String> needles) {
        int shape = shape(text);
        String lower = shape == NOT_ASCII ? text.toLowerCase(Locale.ROOT) : text;
        long mask = 0L;
        for (int i = 0; i < needles.size(); i++) {
            String needle = needles.get(i);
            if (shape == ASCII_WITH_CAPITALS ? containsFolded(text, needle) : lower.contains(needle)) {
                mask |= 1L << i;
            }
        }
        return mask;
    }

    private static int shape(String text) {
        int shape = LOWER_ASCII;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return NOT_ASCII;
            }
            if (c >= 'A' && c <= 'Z') {
                shape = ASCII_WITH_CAPITALS;
            }
        }
        return shape;
    }

    /**
     * The search in an ASCII {@code text} with capitals: its lower case is ASCII without capitals, so a needle with
     * a capital or a non-ASCII character cannot occur in it; any other needle is compared with ASCII folding.
     */
    private static boolean containsFolded(String text, String needle) {
        int m = needle.length();
        for (int i = 0; i < m; i++) {
            char c = needle.charAt(i);
            if (c >= 0x80 || c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        if (m == 0) {
            return true;
        }
        char first = needle.charAt(0);
        char firstCapital = first >= 'a' && first <= 'z' ? (char) (first - ('a' - 'A')) : first;
        for (int i = 0, last = text.length() - m; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == first || c == firstCapital) && text.regionMatches(true, i + 1, needle, 1, m - 1)) {
                return true;
            }
        }
        return false;
    }
}
