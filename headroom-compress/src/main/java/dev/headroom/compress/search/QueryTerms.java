package dev.headroom.compress.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of the user's question that can be matched against tool output: identifiers and content words,
 * without stop words. Used to rank search hits, keep query-relevant diff hunks and keep query-named methods
 * whole. Immutable and thread-safe.
 */
public final class QueryTerms {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Set<String> STOP_WORDS = Set.of(
            "the", "and", "for", "with", "that", "this", "these", "those", "what", "where", "which", "when", "why",
            "how", "does", "did", "done", "can", "could", "should", "would", "will", "are", "was", "were", "has",
            "have", "had", "its", "from", "into", "onto", "not", "all", "any", "you", "your", "our", "please",
            "show", "find", "look", "file", "files", "code", "line", "lines", "function", "method", "methods",
            "class", "use", "used", "uses", "using", "make", "fix", "there", "here", "about", "some", "then",
            "than", "also", "just", "only", "get", "got", "see", "tell", "explain", "who", "work", "works",
            "need", "needs", "want", "like", "call", "called", "calls", "set", "new", "but", "out", "one", "two",
            "check", "change", "changes", "changed", "diff", "search", "grep", "let", "way", "they", "them", "their",
            "been", "being", "each", "every", "other", "more", "most", "much", "many", "very", "after",
            "before", "over", "under", "between", "same", "both", "either", "neither", "own", "via", "per");

    private final List<String> words;
    private final List<String> stems;

    private QueryTerms(List<String> words, List<String> stems) {
        this.words = words;
        this.stems = stems;
    }

    /** The terms of {@code query}; an empty or null query gives no terms. */
    public static QueryTerms of(String query) {
        Set<String> words = new LinkedHashSet<>();
        if (query != null) {
            Matcher m = WORD.matcher(query.length() > 4_000 ? query.substring(0, 4_000) : query);
            while (m.find() && words.size() < 64) {
                String word = m.group();
                String lower = word.toLowerCase(Locale.ROOT);
                if (lower.length() >= 3 && !STOP_WORDS.contains(lower)) {
                    words.add(word);
                }
            }
        }
        Set<String> stems = new LinkedHashSet<>();
        for (String word : words) {
            stems.add(stem(word.toLowerCase(Locale.ROOT)));
        }
        return new QueryTerms(List.copyOf(words), List.copyOf(stems));
    }

    private static String stem(String word) {
        for (String suffix : new String[] {"ations", "ation", "ings", "ing", "ies", "ed", "es", "s"}) {
            if (word.length() - suffix.length() >= 4 && word.endsWith(suffix)) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }

    /** Whether the query has no usable term. */
    public boolean isEmpty() {
        return stems.isEmpty();
    }

    /** How many distinct query terms occur in {@code text} (case-insensitive, by word stem). */
    public int score(String text) {
        if (stems.isEmpty() || text.isEmpty()) {
            return 0;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int score = 0;
        for (String stem : stems) {
            if (lower.contains(stem)) {
                score++;
            }
        }
        return score;
    }

    /** Whether the query names {@code identifier} as a whole word (case-insensitive). */
    public boolean names(String identifier) {
        for (String word : words) {
            if (word.equalsIgnoreCase(identifier)) {
                return true;
            }
        }
        return false;
    }

    /** The words of the query as written, in order of first appearance. */
    public List<String> words() {
        return new ArrayList<>(words);
    }
}
