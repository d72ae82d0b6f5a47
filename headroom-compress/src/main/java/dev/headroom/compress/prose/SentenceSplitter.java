package dev.headroom.compress.prose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits one line of prose into sentences. A boundary is a {@code .}, {@code !} or {@code ?} (with closing
 * quotes or brackets) followed by a space and a capital, digit or opening mark, outside code spans and
 * parentheses, and not after a known abbreviation or a single letter.
 */
final class SentenceSplitter {
    private static final Set<String> ABBREVIATIONS = Set.of("e.g", "i.e", "eg", "ie", "vs", "cf", "approx", "mr",
            "mrs", "ms", "dr", "st", "no", "fig", "al", "n.b", "nb", "inc", "ltd", "jr", "sr", "eq", "ref", "vol",
            "pp", "resp", "ca", "v");
    private static final int MAX_PAREN_SPAN = 400;

    private SentenceSplitter() {
    }

    static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        int depth = 0;
        int parenOpenedAt = -1;
        boolean code = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '`') {
                code = !code;
                continue;
            }
            if (code) {
                continue;
            }
            if (c == '(' || c == '[') {
                if (depth == 0) {
                    parenOpenedAt = i;
                }
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            }
            if (depth > 0 && i - parenOpenedAt > MAX_PAREN_SPAN) {
                depth = 0;
            }
            boolean terminal = (c == '.' || c == '!' || c == '?') && depth == 0;
            boolean closesParenthetical = (c == ')' || c == ']') && depth == 0 && i > 0
                    && ".!?".indexOf(text.charAt(i - 1)) >= 0;
            if (!terminal && !closesParenthetical) {
                continue;
            }
            int end = i + 1;
            while (end < n && "\"')]*_\u201d\u2019".indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            if (end >= n || text.charAt(end) != ' ') {
                continue;
            }
            int next = end;
            while (next < n && text.charAt(next) == ' ') {
                next++;
            }
            if (next >= n || !startsSentence(text.charAt(next)) || c == '.' && isAbbreviation(text, start, i)) {
                continue;
            }
            add(sentences, text.substring(start, end));
            start = next;
            i = next - 1;
        }
        add(sentences, text.substring(start));
        return sentences;
    }

    private static boolean startsSentence(char c) {
        return Character.isUpperCase(c) || Character.isDigit(c) || "([\"'`*_<\u201c\u2018".indexOf(c) >= 0;
    }

    private static boolean isAbbreviation(String text, int sentenceStart, int dot) {
        int w = dot;
        while (w > sentenceStart && !Character.isWhitespace(text.charAt(w - 1)) && text.charAt(w - 1) != '(') {
            w--;
        }
        String word = text.substring(w, dot).toLowerCase(Locale.ROOT);
        if (word.isEmpty()) {
            return false;
        }
        if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
            return true;
        }
        return ABBREVIATIONS.contains(word);
    }

    private static void add(List<String> sentences, String sentence) {
        String s = sentence.strip();
        if (!s.isEmpty()) {
            sentences.add(s);
        }
    }
}
