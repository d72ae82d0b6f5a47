package dev.headroom.compress.prose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The question decides: a section whose heading names only what the question names (the {@code negatable}
 * attribute, "Usage Width" for a question about the usage width) is kept whole, outside the sentence budget,
 * because the answer (a default value, a limit, an example) is usually a plain sentence in it that scores no
 * better than its neighbours. At most {@value #MAX_SECTIONS} sections, the ones whose heading words are
 * rarest in the document first, each up to {@value #MAX_TOKENS} tokens of prose.
 */
final class QueriedSections {
    static final int MAX_SECTIONS = 2;
    static final int MAX_TOKENS = 500;

    private QueriedSections() {
    }

    private record Section(int order, List<String> headingTerms, List<Sentence> sentences, double rarity) {
    }

    /** Marks the sentences of the sections the query names as kept and forced. */
    static void pin(ProseLayout layout, String query) {
        Set<String> queryTerms = new HashSet<>(Terms.of(query));
        if (queryTerms.isEmpty()) {
            return;
        }
        Map<String, Integer> df = new HashMap<>();
        for (Sentence s : layout.sentences) {
            for (String term : new HashSet<>(s.terms)) {
                df.merge(term, 1, Integer::sum);
            }
        }
        List<Section> named = new ArrayList<>();
        List<String> heading = null;
        List<Sentence> body = new ArrayList<>();
        for (ProseLayout.Item item : layout.items) {
            if (item.heading()) {
                addIfNamed(named, heading, body, queryTerms, df);
                heading = Terms.of(String.join(" ", item.lines()));
                body = new ArrayList<>();
            } else if (item.isUnit() && heading != null) {
                body.addAll(layout.units.get(item.unit()));
            }
        }
        addIfNamed(named, heading, body, queryTerms, df);
        named.sort(Comparator.comparingInt((Section s) -> -s.headingTerms().size())
                .thenComparingDouble(s -> -s.rarity()).thenComparingInt(Section::order));
        for (Section section : named.subList(0, Math.min(MAX_SECTIONS, named.size()))) {
            int used = 0;
            for (Sentence s : section.sentences()) {
                if (used + s.tokens > MAX_TOKENS) {
                    break;
                }
                // Near-duplicates too: in a reference page every section repeats its neighbours' wording,
                // and the values that differ are the answer.
                s.kept = true;
                s.forced = true;
                used += s.tokens;
            }
        }
    }

    private static void addIfNamed(List<Section> named, List<String> heading, List<Sentence> body,
                                   Set<String> queryTerms, Map<String, Integer> df) {
        if (heading == null || heading.isEmpty() || body.isEmpty() || !queryTerms.containsAll(heading)) {
            return;
        }
        double rarity = 0;
        for (String term : heading) {
            rarity += 1.0 / Math.max(1, df.getOrDefault(term, 0));
        }
        named.add(new Section(named.size(), List.copyOf(new java.util.LinkedHashSet<>(heading)), body, rarity));
    }
}
