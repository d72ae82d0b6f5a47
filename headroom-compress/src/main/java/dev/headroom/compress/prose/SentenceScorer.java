package dev.headroom.compress.prose;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scores sentences by how informative they are within their own document — a TF-IDF-like weight of their
 * distinct terms over the document's sentences — and by how well they answer the query. Specific tokens
 * (numbers, identifiers, paths, URLs, code spans, flags) and error words raise the score; filler lowers it.
 */
final class SentenceScorer {
    private static final Set<String> ERROR_TERMS = stems("error", "errors", "exception", "fatal", "fail",
            "failed", "failure", "panic", "traceback", "denied", "refused", "timeout", "critical", "crash",
            "crashed", "vulnerable", "vulnerability", "deprecated", "warning");
    private static final Pattern ERROR_REPORT = Pattern.compile(
            "\\b[A-Z]\\w*(?:Error|Exception|Fault)\\b|^(?:error|fatal|panic)\\b\\S*:|\\bTraceback\\b|\\b(?:FATAL|SEVERE|CRITICAL)\\b");
    private static final Pattern FILLER_START = Pattern.compile(
            "(?i)(?:so|now|ok|okay|well|alright|anyway|also|again)\\b[ ,]|(?:here|this) (?:is|was) "
            + "(?:an? |the )?(?:example|screenshot|output)|for (?:example|instance)[:,.]?$|(?:see|read) (?:below|above)");
    private static final List<String> FILLER_PHRASES = List.of("let's ", "let\u2019s ", "that's it", "that's all",
            "feel free", "hopefully", "we hope");

    private SentenceScorer() {
    }

    /** Sets {@link Sentence#value} and {@link Sentence#queryOverlap} of every sentence. */
    static void score(List<Sentence> sentences, String query) {
        Map<String, Integer> df = new HashMap<>();
        for (Sentence s : sentences) {
            for (String term : new LinkedHashSet<>(s.terms)) {
                df.merge(term, 1, Integer::sum);
            }
        }
        int n = sentences.size();
        Set<String> queryTerms = new LinkedHashSet<>(Terms.of(query));
        queryTerms.retainAll(df.keySet());
        double queryWeight = 0;
        for (String t : queryTerms) {
            queryWeight += idf(n, df.get(t));
        }
        for (Sentence s : sentences) {
            double value = 0;
            double overlap = 0;
            for (String term : new LinkedHashSet<>(s.terms)) {
                int d = df.get(term);
                value += idf(n, d) * (1 + Math.log(d));
                if (queryTerms.contains(term)) {
                    overlap += idf(n, d);
                }
            }
            s.queryOverlap = queryWeight > 0 ? overlap / queryWeight : 0;
            s.value = value * multiplier(s);
        }
    }

    private static double multiplier(Sentence s) {
        double m = 1 + 0.25 * Specifics.count(s.text, 4);
        s.alarming = s.terms.stream().anyMatch(ERROR_TERMS::contains);
        s.errorReport = s.alarming && ERROR_REPORT.matcher(s.text).find();
        if (s.alarming) {
            m *= 2;
        }
        if (s.position == 0) {
            m *= 1.25;
        }
        if (s.leadsSection) {
            m *= 1.5;
        }
        if (s.introducesBlock) {
            m *= 1.3;
        }
        if (isFiller(s.text)) {
            m *= 0.4;
        }
        if (s.text.endsWith("?")) {
            m *= 0.6;
        }
        if (s.terms.size() < 3) {
            m *= 0.6;
        }
        if (s.queryOverlap > 0) {
            m *= 1 + 3 * s.queryOverlap;
        }
        return m;
    }

    private static double idf(int n, int df) {
        return Math.log((n + 1.0) / df);
    }

    private static boolean isFiller(String text) {
        if (FILLER_START.matcher(text).lookingAt()) {
            return true;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String phrase : FILLER_PHRASES) {
            if (lower.contains(phrase)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> stems(String... words) {
        Set<String> stems = new HashSet<>();
        for (String word : words) {
            stems.add(Terms.stem(word));
        }
        return Set.copyOf(stems);
    }
}
