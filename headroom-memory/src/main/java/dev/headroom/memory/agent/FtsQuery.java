package dev.headroom.memory.agent;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns free text (a user turn, a search the model asked for) into an FTS5 query: its distinct words, each
 * quoted (so no word is read as FTS syntax), joined by {@code OR}, so BM25 ranks memories by how many rare
 * words they share with the text. Common English words are left out; at most {@value #MAX_TERMS} words.
 */
final class FtsQuery {
    static final int MAX_TERMS = 48;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]{2,}");
    private static final Set<String> STOP = Set.of("the", "and", "for", "are", "but", "not", "you", "all", "any",
            "can", "was", "one", "our", "out", "has", "have", "had", "this", "that", "with", "from", "they", "will",
            "what", "when", "which", "there", "their", "then", "them", "into", "than", "its", "it", "is", "in", "on",
            "of", "to", "a", "an", "be", "by", "or", "as", "at", "do", "does", "we", "me", "my", "so", "if", "no",
            "please", "how", "why", "who", "use", "using", "should", "would", "could", "about", "just", "also");

    private FtsQuery() {
    }

    /** The query, or empty when the text has no searchable word. */
    static Optional<String> of(String text) {
        Set<String> terms = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text == null ? "" : text);
        while (m.find() && terms.size() < MAX_TERMS) {
            String word = m.group().toLowerCase(Locale.ROOT);
            if (!STOP.contains(word)) {
                terms.add(word);
            }
        }
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(" OR ", terms.stream().map(t -> "\"" + t + "\"").toList()));
    }
}
