package dev.headroom.compress.prose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Content terms of a text: lower-cased, lightly stemmed words without stop words or bare numbers. URLs and
 * markdown link targets are not words of the text and give no terms.
 */
final class Terms {
    private static final Set<String> STOP = Set.of(
            "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
            "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
            "did", "do", "does", "doing", "down", "during", "each", "either", "else", "even", "ever", "every",
            "few", "for", "from", "further", "get", "gets", "got", "had", "has", "have", "having", "he", "her",
            "here", "hers", "him", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself",
            "just", "let", "like", "may", "me", "might", "more", "most", "much", "must", "my", "no", "nor", "not",
            "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "out", "over", "own",
            "per", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their",
            "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "thus", "to", "too",
            "under", "until", "up", "upon", "us", "use", "used", "uses", "using", "very", "via", "was", "we",
            "well", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why",
            "will", "with", "within", "without", "would", "yet", "you", "your", "yours", "s", "t", "ll", "re",
            "ve", "d", "m", "don", "doesn", "isn", "aren", "won", "etc", "e", "g", "ie", "eg");

    private Terms() {
    }

    /** The content terms of {@code text}, in order of appearance, repeats included. */
    static List<String> of(String text) {
        List<String> terms = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
                i = text.startsWith("](", i) ? skipTarget(text, i) : i + 1;
            }
            if (text.startsWith("http://", i) || text.startsWith("https://", i)) {
                i = skipTarget(text, i);
                continue;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
            if (i - start < 2) {
                continue;
            }
            String word = text.substring(start, i).toLowerCase(Locale.ROOT);
            if (!STOP.contains(word) && !isNumber(word)) {
                terms.add(stem(word));
            }
        }
        return terms;
    }

    /** The index after a link target or URL starting at {@code i}: at the next space or closing bracket. */
    private static int skipTarget(String text, int i) {
        int k = i + 1;
        while (k < text.length() && !Character.isWhitespace(text.charAt(k)) && text.charAt(k) != ')') {
            k++;
        }
        return k;
    }

    /** A light suffix stemmer: enough to match {@code retries} with {@code retry} and {@code logs} with {@code log}. */
    static String stem(String word) {
        int n = word.length();
        if (n > 4 && word.endsWith("ies")) {
            return word.substring(0, n - 3) + "y";
        }
        if (n > 5 && word.endsWith("ing")) {
            return word.substring(0, n - 3);
        }
        if (n > 4 && word.endsWith("ed") && !word.endsWith("eed")) {
            return word.substring(0, n - 2);
        }
        if (n > 4 && (word.endsWith("ches") || word.endsWith("shes") || word.endsWith("sses") || word.endsWith("xes"))) {
            return word.substring(0, n - 2);
        }
        if (n > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) {
            return word.substring(0, n - 1);
        }
        return word;
    }

    private static boolean isNumber(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isDigit(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
