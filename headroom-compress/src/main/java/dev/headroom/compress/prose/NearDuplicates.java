package dev.headroom.compress.prose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marks sentences that repeat an earlier one — the same terms in the same order, or a term set whose
 * Jaccard similarity with an earlier sentence's is at least {@value #THRESHOLD} — or whose terms are nearly
 * all in one table row (a reference) of the same document. Candidates are found
 * through the sentence's two rarest terms (every earlier sentence is indexed by all its terms), with a bounded number of comparisons per sentence.
 */
final class NearDuplicates {
    static final double THRESHOLD = 0.7;
    static final double REFERENCE_CONTAINMENT = 0.85;
    private static final int MIN_REFERENCE_TERMS = 3;
    private static final int MIN_TERMS = 4;
    private static final int MAX_CANDIDATES = 64;

    private NearDuplicates() {
    }

    static void mark(List<Sentence> sentences, List<Sentence> references) {
        Map<String, Integer> df = new HashMap<>();
        List<Set<String>> sets = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) {
            Set<String> set = new HashSet<>(s.terms);
            sets.add(set);
            for (String t : set) {
                df.merge(t, 1, Integer::sum);
            }
        }
        List<Set<String>> referenceSets = new ArrayList<>(references.size());
        Map<String, List<Integer>> referencePostings = new HashMap<>();
        for (int r = 0; r < references.size(); r++) {
            Set<String> set = new HashSet<>(references.get(r).terms);
            referenceSets.add(set);
            for (String t : set) {
                referencePostings.computeIfAbsent(t, k -> new ArrayList<>()).add(r);
            }
        }
        Map<List<String>, Integer> exact = new HashMap<>();
        Map<String, List<Integer>> postings = new HashMap<>();
        for (int i = 0; i < sentences.size(); i++) {
            Sentence s = sentences.get(i);
            Set<String> set = sets.get(i);
            if (set.size() >= MIN_REFERENCE_TERMS && inReference(rarest(set, df), referencePostings, referenceSets, set)) {
                s.duplicate = true;
                continue;
            }
            if (set.size() < MIN_TERMS) {
                continue;
            }
            if (exact.putIfAbsent(s.terms, i) != null) {
                s.duplicate = true;
                continue;
            }
            List<String> rarest = rarest(set, df);
            s.duplicate = similarEarlier(rarest, postings, sets, set);
            if (!s.duplicate) {
                for (String t : set) {
                    postings.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
                }
            }
        }
    }

    private static boolean similarEarlier(List<String> rarest, Map<String, List<Integer>> postings,
                                          List<Set<String>> sets, Set<String> set) {
        int compared = 0;
        for (String t : rarest) {
            List<Integer> earlier = postings.getOrDefault(t, List.of());
            for (int k = earlier.size() - 1; k >= 0 && compared < MAX_CANDIDATES; k--, compared++) {
                if (jaccard(set, sets.get(earlier.get(k))) >= THRESHOLD) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean inReference(List<String> rarest, Map<String, List<Integer>> postings,
                                       List<Set<String>> sets, Set<String> set) {
        int compared = 0;
        for (String t : rarest) {
            for (int r : postings.getOrDefault(t, List.of())) {
                if (compared++ >= MAX_CANDIDATES) {
                    return false;
                }
                Set<String> reference = sets.get(r);
                long common = set.stream().filter(reference::contains).count();
                if (common >= REFERENCE_CONTAINMENT * set.size()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The two terms of {@code set} with the lowest document frequency (ties broken by the term). */
    private static List<String> rarest(Set<String> set, Map<String, Integer> df) {
        String first = null;
        String second = null;
        for (String t : set) {
            if (first == null || rarer(t, first, df)) {
                second = first;
                first = t;
            } else if (second == null || rarer(t, second, df)) {
                second = t;
            }
        }
        return first == null ? List.of() : second == null ? List.of(first) : List.of(first, second);
    }

    private static boolean rarer(String a, String b, Map<String, Integer> df) {
        int c = Integer.compare(df.get(a), df.get(b));
        return c < 0 || c == 0 && a.compareTo(b) < 0;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        int common = 0;
        for (String t : a) {
            if (b.contains(t)) {
                common++;
            }
        }
        return common / (double) (a.size() + b.size() - common);
    }
}
