package dev.headroom.compress.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The distinctive words of the user's question, lower-cased: identifiers, names, numbers and paths, without
 * stop words. Values are matched against them case-insensitively as substrings.
 */
public final class QueryTerms {
    /** At most this many terms are used (a bitmask of matches fits in a long). */
    public static final int MAX_TERMS = 24;
    private static final QueryTerms NONE = new QueryTerms(List.of());
    private static final Set<String> STOP_WORDS = Set.copyOf(Arrays.asList(
            "the", "and", "for", "are", "was", "were", "with", "that", "this", "from", "what", "which", "who", "why",
            "how", "when", "where", "does", "did", "can", "could", "would", "should", "will", "there", "their", "they",
            "them", "then", "than", "have", "has", "had", "not", "but", "all", "any", "some", "into", "about", "over",
            "out", "its", "it's", "you", "your", "our", "please", "show", "find", "list", "tell", "give", "get", "see",
            "why", "is", "in", "on", "of", "to", "a", "an", "me", "my", "do", "be", "it", "at", "by", "or", "as", "if",
            "so", "up", "we", "us", "no", "yes", "one", "two", "now", "just", "also", "only", "look", "check", "need",
            "want", "let", "make", "use", "used", "using", "file", "files", "json", "output", "result", "results",
            "data", "item", "items", "value", "values", "field", "fields", "any", "each", "every", "them", "those",
            "these", "here", "being", "been", "more", "most", "less", "many", "much", "very", "into", "after", "before"));

    private final List<String> terms;

    private QueryTerms(List<String> terms) {
        this.terms = List.copyOf(terms);
    }

    /** The terms of {@code query}; an empty query gives no terms. */
    public static QueryTerms of(String query) {
        if (query == null || query.isBlank()) {
            return NONE;
        }
        Set<String> found = new LinkedHashSet<>();
        for (String raw : query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_./:@-]+")) {
            String word = trimPunctuation(raw);
            if (word.length() >= 3 && !STOP_WORDS.contains(word)) {
                found.add(word);
            }
            if (found.size() >= MAX_TERMS) {
                break;
            }
        }
        return found.isEmpty() ? NONE : new QueryTerms(new ArrayList<>(found));
    }

    private static String trimPunctuation(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && ".:/-@".indexOf(word.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && ".:/-@".indexOf(word.charAt(end - 1)) >= 0) {
            end--;
        }
        return word.substring(start, end);
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    public List<String> terms() {
        return terms;
    }

    /** A bitmask of the terms that occur in {@code text} (bit i = term i). */
    public long matches(String text) {
        if (terms.isEmpty() || text == null || text.length() < 3) {
            return 0L;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        long mask = 0L;
        for (int i = 0; i < terms.size(); i++) {
            if (lower.contains(terms.get(i))) {
                mask |= 1L << i;
            }
        }
        return mask;
    }
}
