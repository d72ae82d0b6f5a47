package dev.headroom.compress.search;

import dev.headroom.compress.query.QueryTerms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Chooses which search hits to show. Files are ranked by whether they define what the query names (a
 * {@code def}, {@code class}, {@code fn}… line for a named identifier ranks above its call sites), then by their
 * best match to the query, then by whether they define anything, then path match, then output order. Within the line budget every shown file gets its first match and its best-matching line; then,
 * in rank order, files get their full choice: first and last match, the best-matching lines with a line of
 * context, or every hit when the file has few. Files past the budget are only counted. Stateless and
 * thread-safe.
 */
final class HitSelector {
    /** Files with at most this many hits are shown whole. */
    static final int SMALL_FILE = 6;
    private static final int BEST_PER_FILE = 4;
    private static final int DEFINITIONS_PER_FILE = 2;
    private static final Pattern DEFINITION = Pattern.compile(
            "\\b(?:class|interface|enum|record|struct|trait|impl|def|fn|func|function|type)\\s+([A-Za-z_$][\\w$]*)");

    /**
     * The choice: files to show (best first) and files only counted.
     *
     * @param shown   files whose kept lines are printed, in rank order
     * @param counted files past the budget, in rank order
     */
    record Selection(List<FileHits> shown, List<FileHits> counted) {
        int keptLines() {
            return shown.stream().mapToInt(f -> f.kept().size()).sum();
        }
    }

    private record RankedFile(String path, List<SearchHit> hits, boolean definesNamed, int bestScore,
                              boolean defines, int pathScore, int order) {
    }

    Selection select(SearchOutput output, QueryTerms terms, int lineBudget) {
        List<RankedFile> ranked = new ArrayList<>();
        int order = 0;
        for (Map.Entry<String, List<SearchHit>> e : output.files().entrySet()) {
            int best = 0;
            boolean definesNamed = false;
            boolean defines = false;
            for (SearchHit hit : e.getValue()) {
                best = Math.max(best, terms.score(hit.content()));
                if (hit.match()) {
                    String defined = definedName(hit.content());
                    defines |= defined != null;
                    definesNamed |= defined != null && terms.names(defined);
                }
            }
            ranked.add(new RankedFile(e.getKey(), e.getValue(), definesNamed, best, defines, terms.score(e.getKey()), order++));
        }
        // The definition of what the question names ranks above its call sites; any definition above plain uses.
        ranked.sort(Comparator.comparing(RankedFile::definesNamed).reversed()
                .thenComparing(Comparator.comparingInt(RankedFile::bestScore).reversed())
                .thenComparing(Comparator.comparing(RankedFile::defines).reversed())
                .thenComparing(Comparator.comparingInt(RankedFile::pathScore).reversed())
                .thenComparingInt(RankedFile::order));
        List<FileHits> shown = new ArrayList<>();
        List<FileHits> counted = new ArrayList<>();
        int[] chosen = new int[ranked.size()];
        List<List<SearchHit>> full = new ArrayList<>();
        List<List<SearchHit>> minimal = new ArrayList<>();
        int used = 0;
        int shownFiles = 0;
        for (RankedFile file : ranked) {
            List<SearchHit> all = keep(file.hits(), terms);
            List<SearchHit> least = minimal(all, terms);
            int cost = least.size() + 2;
            if (shownFiles > 0 && used + cost > lineBudget) {
                break;
            }
            full.add(all);
            minimal.add(least);
            used += cost;
            shownFiles++;
        }
        for (int i = 0; i < shownFiles; i++) {
            int extra = full.get(i).size() - minimal.get(i).size();
            if (i == 0 || used + extra <= lineBudget) {
                chosen[i] = 1;
                used += extra;
            }
        }
        for (int i = 0; i < ranked.size(); i++) {
            RankedFile file = ranked.get(i);
            if (i < shownFiles) {
                shown.add(new FileHits(file.path(), file.hits(), chosen[i] == 1 ? full.get(i) : minimal.get(i)));
            } else {
                counted.add(new FileHits(file.path(), file.hits(), List.of()));
            }
        }
        return new Selection(shown, counted);
    }

    /** The first match and the best-matching line of a file's chosen hits. */
    private static List<SearchHit> minimal(List<SearchHit> kept, QueryTerms terms) {
        SearchHit first = null;
        SearchHit best = null;
        int bestScore = 0;
        for (SearchHit hit : kept) {
            if (hit.match() && first == null) {
                first = hit;
            }
            int score = hit.match() ? terms.score(hit.content()) : 0;
            if (score > bestScore) {
                best = hit;
                bestScore = score;
            }
        }
        if (first == null) {
            return List.of(kept.get(0));
        }
        TreeSet<Integer> chosen = new TreeSet<>();
        chosen.add(first.index());
        if (best != null) {
            chosen.add(best.index());
        }
        for (SearchHit hit : kept) {
            String defined = hit.match() ? definedName(hit.content()) : null;
            if (defined != null && terms.names(defined)) {
                chosen.add(hit.index());
            }
        }
        List<SearchHit> out = new ArrayList<>();
        for (SearchHit hit : kept) {
            if (chosen.contains(hit.index())) {
                out.add(hit);
            }
        }
        return out;
    }

    /** The name a definition line defines ({@code def total(} gives {@code total}), or null. */
    static String definedName(String content) {
        if (content.length() > 2_000) {
            return null;
        }
        java.util.regex.Matcher m = DEFINITION.matcher(content);
        return m.find() ? m.group(1) : null;
    }

    private static List<SearchHit> keep(List<SearchHit> hits, QueryTerms terms) {
        if (hits.size() <= SMALL_FILE) {
            return hits;
        }
        TreeSet<Integer> keep = new TreeSet<>();
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            if (hits.get(i).match()) {
                matches.add(i);
            }
        }
        if (matches.isEmpty()) {
            keep.add(0);
            keep.add(hits.size() - 1);
            return pick(hits, keep);
        }
        keep.add(matches.get(0));
        keep.add(matches.get(matches.size() - 1));
        List<Integer> scored = new ArrayList<>();
        for (int i : matches) {
            if (terms.score(hits.get(i).content()) > 0) {
                scored.add(i);
            }
        }
        scored.sort(Comparator.comparingInt((Integer i) -> terms.score(hits.get(i).content())).reversed()
                .thenComparingInt(i -> i));
        for (int i : scored.subList(0, Math.min(BEST_PER_FILE, scored.size()))) {
            keep.add(i);
            addAdjacentContext(hits, i, keep);
        }
        for (int i : matches) {
            String defined = definedName(hits.get(i).content());
            if (defined != null && terms.names(defined)) {
                keep.add(i);
            }
        }
        if (scored.isEmpty()) {
            int definitions = 0;
            for (int i : matches) {
                if (definitions < DEFINITIONS_PER_FILE && DEFINITION.matcher(hits.get(i).content()).find()) {
                    keep.add(i);
                    definitions++;
                }
            }
        }
        return pick(hits, keep);
    }

    private static void addAdjacentContext(List<SearchHit> hits, int i, TreeSet<Integer> keep) {
        long number = hits.get(i).number();
        for (int j : new int[] {i - 1, i + 1}) {
            if (j >= 0 && j < hits.size() && !hits.get(j).match() && Math.abs(hits.get(j).number() - number) == 1) {
                keep.add(j);
            }
        }
    }

    private static List<SearchHit> pick(List<SearchHit> hits, TreeSet<Integer> indices) {
        List<SearchHit> kept = new ArrayList<>(indices.size());
        for (int i : indices) {
            kept.add(hits.get(i));
        }
        return kept;
    }
}
