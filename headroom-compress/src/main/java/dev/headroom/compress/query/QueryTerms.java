package dev.headroom.compress.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The distinctive words of the user's question ({@code CompressionContext.query()}): service names, ids,
 * versions, paths, identifiers and content words, without stop words. Compressors use them to keep what the
 * question names visible.
 *
 * <p>The query is read at two granularities, both from one tokenizer and one stop-word list:
 * <ul>
 *   <li><b>terms</b> — whole tokens as written, lower-cased, such as {@code payment-service},
 *       {@code v2.3.1} or {@code src/main/app.py}. Matched as case-insensitive substrings of lines, rows
 *       and values ({@link #matches}, {@link #matchMask}, {@link #selective}).</li>
 *   <li><b>words</b> — the identifier-shaped parts of the terms ({@code payment}, {@code service}), for
 *       code: {@link #names} compares whole identifiers, {@link #score} and {@link #indexIn} look for word
 *       stems, so that {@code rate-limiter} still finds {@code RateLimiter} and {@code retries} finds
 *       {@code retry}.</li>
 * </ul>
 * A token is a run of letters, digits and {@code _ . / : @ $ -}, with {@code . : / - @} trimmed from its
 * ends; it is a term when it has at least {@value #MIN_LENGTH} characters and is not a stop word. A long
 * question keeps its {@value #MAX_TERMS} most distinctive terms: identifier-like ones (with a digit, one of
 * {@code - _ . / : @ $}, or an inner capital) first, then longer before shorter, then in order of appearance.
 * Immutable, thread-safe and deterministic.
 */
public final class QueryTerms {
    /** At most this many terms are kept, so that a bitmask of matches fits in a {@code long}. */
    public static final int MAX_TERMS = 16;
    private static final int MIN_LENGTH = 3;
    private static final QueryTerms NONE = new QueryTerms(List.of(), Set.of());
    private static final Pattern SEPARATOR = Pattern.compile("[^\\p{L}\\p{N}_./:@$-]+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}_$]+");
    private static final String TRIMMED = ".:/-@";
    private static final String[] SUFFIXES = {"ations", "ation", "ings", "ing", "ies", "ed", "es", "s"};
    /** Question words, filler and words too generic in tool output to single anything out. */
    private static final Set<String> STOP_WORDS = Set.of(
            "about", "after", "all", "also", "and", "any", "are", "been", "before", "being", "between", "both",
            "build", "but", "call", "called", "calls", "can", "cause", "caused", "causing", "change", "changed",
            "changes", "check", "class", "code", "could", "data", "did", "diff", "does", "doing", "done", "each",
            "either", "error", "errors", "every", "explain", "fail", "failed", "failing", "fails", "failure",
            "failures", "field", "fields", "file", "files", "find", "fix", "for", "from", "function", "get", "give",
            "going", "got", "grep", "had", "happen", "happened", "happening", "has", "have", "help", "her", "here",
            "him", "his", "how", "into", "issue", "issues", "item", "items", "its", "json", "just", "know", "less",
            "let", "like", "line", "lines", "list", "log", "logs", "look", "make", "many", "may", "method",
            "methods", "mine", "more", "most", "much", "need", "needs", "neither", "new", "not", "now", "old", "one",
            "only", "onto", "other", "our", "out", "output", "over", "own", "per", "please", "problem", "problems",
            "put", "reason", "result", "results", "same", "say", "search", "see", "set", "she", "should", "show",
            "some", "such", "tell", "test", "tests", "than", "that", "the", "their", "them", "then", "there",
            "these", "they", "this", "those", "too", "two", "under", "use", "used", "uses", "using", "value",
            "values", "very", "via", "want", "warning", "warnings", "was", "way", "were", "what", "when", "where",
            "which", "while", "who", "why", "will", "with", "work", "works", "would", "wrong", "yes", "you", "your");

    private final List<String> terms;
    private final List<String> words;
    private final List<String> stems;
    /** Every word of the question, stop words included: naming {@code json()} or {@code test()} counts. */
    private final Set<String> mentioned;

    private QueryTerms(List<String> terms, Set<String> mentioned) {
        this.terms = List.copyOf(terms);
        this.mentioned = Set.copyOf(mentioned);
        Set<String> words = new LinkedHashSet<>();
        for (String term : terms) {
            for (String part : NON_WORD.split(term)) {
                if (isWord(part)) {
                    words.add(part);
                }
            }
        }
        Set<String> stems = new LinkedHashSet<>();
        for (String word : words) {
            stems.add(stem(word));
        }
        this.words = List.copyOf(words);
        this.stems = List.copyOf(stems);
    }

    /** The terms of {@code query}; a null or blank query gives none. */
    public static QueryTerms of(String query) {
        if (query == null || query.isBlank()) {
            return NONE;
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> found = new ArrayList<>();
        List<Boolean> identifierLike = new ArrayList<>();
        for (String raw : SEPARATOR.split(query)) {
            String token = trim(raw);
            String term = token.toLowerCase(Locale.ROOT);
            if (term.length() >= MIN_LENGTH && !STOP_WORDS.contains(term) && seen.add(term)) {
                found.add(term);
                identifierLike.add(isIdentifierLike(token));
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> !identifierLike.get(i))
                .thenComparing(i -> -found.get(i).length()));
        List<String> ranked = new ArrayList<>();
        for (int i : order.subList(0, Math.min(MAX_TERMS, order.size()))) {
            ranked.add(found.get(i));
        }
        Set<String> mentioned = new LinkedHashSet<>();
        for (String word : NON_WORD.split(query)) {
            if (word.length() >= 2) {
                mentioned.add(word.toLowerCase(Locale.ROOT));
            }
        }
        return ranked.isEmpty() && mentioned.isEmpty() ? NONE : new QueryTerms(ranked, mentioned);
    }

    /** Whether the query has no term at all. */
    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The terms, lower-cased, most distinctive first; at most {@value #MAX_TERMS}. */
    public List<String> terms() {
        return terms;
    }

    /** Whether {@code text} contains any term (case-insensitive substring). */
    public boolean matches(String text) {
        return matchMask(text) != 0L;
    }

    /**
     * Which terms {@code text} contains (case-insensitive substrings): bit {@code i} is set when
     * {@code terms().get(i)} occurs. Zero for a null text or an empty query.
     */
    public long matchMask(String text) {
        if (terms.isEmpty() || text == null || text.length() < MIN_LENGTH) {
            return 0L;
        }
        return LowerCaseSearch.mask(text, terms);
    }

    /**
     * The terms that single lines out: those found in at least one and at most {@code maxShare} of
     * {@code lines} (at least one line is always allowed), since a word found everywhere distinguishes
     * nothing. When no term qualifies, this instance unchanged.
     */
    public QueryTerms selective(List<String> lines, double maxShare) {
        if (terms.isEmpty()) {
            return this;
        }
        int[] hits = new int[terms.size()];
        for (String line : lines) {
            long mask = matchMask(line);
            for (int t = 0; t < terms.size(); t++) {
                if ((mask & 1L << t) != 0) {
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
        return kept.isEmpty() ? this : new QueryTerms(kept, mentioned);
    }

    /**
     * How many distinct query words occur in {@code text}, compared by stem ({@code retries} and
     * {@code retry} meet at {@code retr}) as case-insensitive substrings. Ranks search hits and diff hunks.
     */
    public int score(String text) {
        if (stems.isEmpty() || text == null || text.isEmpty()) {
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

    /** The position of the earliest query word in {@code text} (case-insensitive), or -1 when none occurs. */
    public int indexIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int first = -1;
        for (String word : words) {
            int at = lower.indexOf(word);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /** Whether the query names {@code identifier} as a whole word (case-insensitive, not stemmed). */
    public boolean names(String identifier) {
        return mentioned.contains(identifier.toLowerCase(Locale.ROOT));
    }

    /** An identifier-shaped part of a term: starts with a letter, {@code _} or {@code $}; long; not a stop word. */
    private static boolean isWord(String part) {
        if (part.length() < MIN_LENGTH || STOP_WORDS.contains(part)) {
            return false;
        }
        char c = part.charAt(0);
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    /** Service names, ids, paths, versions and camelCase identifiers carry more weight than plain words. */
    private static boolean isIdentifierLike(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Character.isDigit(c) || "-_./:@$".indexOf(c) >= 0 || i > 0 && Character.isUpperCase(c)) {
                return true;
            }
        }
        return false;
    }

    private static String trim(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && TRIMMED.indexOf(token.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && TRIMMED.indexOf(token.charAt(end - 1)) >= 0) {
            end--;
        }
        return token.substring(start, end);
    }

    private static String stem(String word) {
        for (String suffix : SUFFIXES) {
            if (word.length() - suffix.length() >= 4 && word.endsWith(suffix)) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }
}
