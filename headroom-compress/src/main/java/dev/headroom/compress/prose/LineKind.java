package dev.headroom.compress.prose;

import java.util.Locale;
import java.util.Set;

/**
 * What one line of text is, for deciding which lines sentence selection may touch: prose (natural-language
 * words with their function words), a record (indented lines such as stack frames, table rows, aligned
 * columns, key-value data, identifiers without function words), or too short to tell.
 */
enum LineKind {
    PROSE, RECORD, SHORT;

    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "of", "to", "in", "on", "at", "by",
            "for", "from", "with", "into", "about", "as", "is", "are", "was", "were", "be", "been", "being", "has",
            "have", "had", "do", "does", "did", "and", "or", "but", "if", "then", "than", "so", "that", "this",
            "these", "those", "it", "its", "we", "you", "your", "our", "they", "their", "he", "she", "his", "her",
            "can", "will", "would", "should", "could", "may", "might", "must", "not", "no", "when", "which", "who",
            "what", "how", "where", "why", "there", "here", "also", "only", "all", "any", "each", "some", "more",
            "most", "other", "such", "both", "just", "very", "after", "before", "because", "while", "since",
            "until", "over", "under", "between", "through", "without", "within", "via", "per", "i", "my", "me",
            "us", "them", "one");
    private static final int MIN_PROSE_WORDS = 4;

    /** Classifies one line. */
    static LineKind of(String line) {
        String text = line.strip();
        if (isLaidOut(line)) {
            return RECORD;
        }
        int tokens = 0;
        int function = 0;
        int letters = 0;
        int digits = 0;
        int n = text.length();
        int i = 0;
        boolean code = false;
        while (i < n) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && text.charAt(i) != ' ') {
                char c = text.charAt(i);
                if (c == '`') {
                    code = !code;
                } else if (Character.isLetter(c)) {
                    letters++;
                } else if (Character.isDigit(c)) {
                    digits++;
                }
                i++;
            }
            if (i > start) {
                tokens++;
                if (!code && FUNCTION_WORDS.contains(bare(text, start, i))) {
                    function++;
                }
            }
        }
        if (tokens < MIN_PROSE_WORDS) {
            return letters * 2 >= n && digits * 4 < n ? SHORT : RECORD;
        }
        boolean wordy = letters * 10 >= n * 6 && digits * 5 < n;
        return wordy && function * 10 >= tokens ? PROSE : RECORD;
    }

    /**
     * Whether the line's layout marks it as a record whatever its words: indented (a stack frame, a nested
     * field), or in aligned columns (a tab, or three spaces between two tokens).
     */
    static boolean isLaidOut(String line) {
        return line.startsWith("  ") || line.indexOf('\t') >= 0 || line.strip().contains("   ");
    }

    private static String bare(String text, int start, int end) {
        int s = start;
        int e = end;
        while (s < e && !Character.isLetter(text.charAt(s))) {
            s++;
        }
        while (e > s && !Character.isLetter(text.charAt(e - 1))) {
            e--;
        }
        return text.substring(s, e).toLowerCase(Locale.ROOT);
    }
}
