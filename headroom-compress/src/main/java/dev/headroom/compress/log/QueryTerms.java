package dev.headroom.compress.log;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The distinctive words of the user's question (service names, ids, paths, identifiers), matched
 * case-insensitively against lines. Common words are left out.
 */
public final class QueryTerms {
    private static final Set<String> COMMON = Set.of(
            "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was", "one", "our",
            "out", "has", "him", "his", "how", "its", "may", "new", "now", "old", "see", "two", "way", "who", "did",
            "get", "got", "let", "put", "say", "she", "too", "use", "why", "what", "when", "where", "which", "while",
            "with", "this", "that", "these", "those", "there", "their", "them", "then", "than", "they", "from",
            "have", "been", "were", "will", "would", "could", "should", "about", "into", "over", "after", "before",
            "some", "such", "only", "also", "just", "more", "most", "other", "please", "show", "tell", "find",
            "look", "check", "explain", "give", "does", "doing", "done", "make", "need", "want", "know", "help",
            "happen", "happened", "happening", "going", "wrong", "issue", "issues", "problem", "problems", "cause",
            "causing", "caused", "reason", "error", "errors", "fail", "fails", "failed", "failing", "failure",
            "failures", "warning", "warnings", "log", "logs", "line", "lines", "output", "file", "files", "build",
            "test", "tests", "here", "each", "every", "many", "much", "very", "your", "mine");
    private static final int MIN_LENGTH = 3;
    /** At most this many terms are matched: a long question keeps its most distinctive words. */
    private static final int MAX_TERMS = 16;

    private final List<String> terms;

    private QueryTerms(List<String> terms) {
        this.terms = terms;
    }

    /** The terms of {@code query}; an empty or null query gives no terms. */
    public static QueryTerms of(String query) {
        Set<String> terms = new LinkedHashSet<>();
        if (query != null) {
            for (String raw : query.toLowerCase(Locale.ROOT).split("[\\s,;!?()\\[\\]{}<>\"'`=|*]+")) {
                String word = trim(raw);
                if (word.length() >= MIN_LENGTH && !COMMON.contains(word)) {
                    terms.add(word);
                }
            }
        }
        List<String> ranked = new ArrayList<>(terms);
        ranked.sort(java.util.Comparator.comparing((String t) -> !isIdentifierLike(t)).thenComparing(t -> -t.length()));
        return new QueryTerms(List.copyOf(ranked.subList(0, Math.min(MAX_TERMS, ranked.size()))));
    }

    /** Service names, ids, paths and versions carry more weight than plain words. */
    private static boolean isIdentifierLike(String term) {
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (Character.isDigit(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == '@') {
                return true;
            }
        }
        return false;
    }

    private static String trim(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && ".:/-_".indexOf(word.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && ".:/-_".indexOf(word.charAt(end - 1)) >= 0) {
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

    /**
     * The terms that single lines out: those found in at most {@code maxShare} of {@code lines} (a word found
     * everywhere distinguishes nothing); when every term is that common, all of them.
     */
    public QueryTerms selective(List<String> lines, double maxShare) {
        if (terms.isEmpty()) {
            return this;
        }
        int[] hits = new int[terms.size()];
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            for (int t = 0; t < terms.size(); t++) {
                if (lower.contains(terms.get(t))) {
                    hits[t]++;
                }
            }
        }
        List<String> kept = new ArrayList<>();
        for (int t = 0; t < terms.size(); t++) {
            if (hits[t] > 0 && hits[t] <= Math.max(1, lines.size() * maxShare)) {
                kept.add(terms.get(t));
            }
        }
        return kept.isEmpty() ? this : new QueryTerms(kept);
    }

    /** Whether {@code line} contains any term. */
    public boolean matches(String line) {
        if (terms.isEmpty()) {
            return false;
        }
        String lower = line.toLowerCase(Locale.ROOT);
        for (String term : terms) {
            if (lower.contains(term)) {
                return true;
            }
        }
        return false;
    }
}
