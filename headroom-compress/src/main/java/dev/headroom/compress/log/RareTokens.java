package dev.headroom.compress.log;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tokens that tie an ordinary line to a problem: identifier-shaped tokens of the kept error, fatal and warning
 * lines ({@code max_open}, {@code r-2166}, a batch or request id) that occur in only a few lines of the whole
 * output. An INFO line sharing such a token with an error is likely its cause or its context (the config
 * change that set {@code max_open=4}), so a digest keeps it.
 */
final class RareTokens {
    /** A token is rare when at most this many lines contain it. */
    static final int MAX_LINES = 4;
    private static final int MIN_LENGTH = 3;
    private static final int MAX_CANDIDATES = 400;
    private static final int SCAN_CHARS = 2_000;

    private final Set<String> rare;

    private RareTokens(Set<String> rare) {
        this.rare = rare;
    }

    /**
     * The rare identifier-shaped tokens of {@code problemLines}, counted over {@code lines}, where line i stands
     * for {@code weights.get(i)} lines of the output (one line for a whole repeated template).
     */
    static RareTokens of(List<String> lines, List<Integer> weights, List<String> problemLines) {
        Map<String, int[]> counts = new HashMap<>();
        for (String line : problemLines) {
            for (String token : tokens(line)) {
                if (counts.size() < MAX_CANDIDATES) {
                    counts.putIfAbsent(token, new int[1]);
                }
            }
        }
        if (counts.isEmpty()) {
            return new RareTokens(Set.of());
        }
        for (int i = 0; i < lines.size(); i++) {
            for (String token : new LinkedHashSet<>(tokens(lines.get(i)))) {
                int[] c = counts.get(token);
                if (c != null) {
                    c[0] += weights.get(i);
                }
            }
        }
        Set<String> rare = new LinkedHashSet<>();
        counts.forEach((token, c) -> {
            if (c[0] >= 2 && c[0] <= MAX_LINES) {
                rare.add(token);
            }
        });
        return new RareTokens(rare);
    }

    boolean isEmpty() {
        return rare.isEmpty();
    }

    /** Whether {@code line} contains one of the rare tokens. */
    boolean sharedBy(String line) {
        if (rare.isEmpty()) {
            return false;
        }
        for (String token : tokens(line)) {
            if (rare.contains(token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Identifier-shaped tokens: runs of letters, digits and {@code _ - .} with a digit, an underscore, a
     * hyphen between letters or an inner capital; plain words and bare numbers are too common to tie lines.
     */
    static List<String> tokens(String line) {
        List<String> out = new java.util.ArrayList<>();
        int n = Math.min(line.length(), SCAN_CHARS);
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (!isTokenChar(c)) {
                i++;
                continue;
            }
            int start = i;
            boolean digit = false;
            boolean letter = false;
            boolean marked = false;
            boolean innerCapital = false;
            while (i < n && isTokenChar(line.charAt(i))) {
                char d = line.charAt(i);
                if (Character.isDigit(d)) {
                    digit = true;
                } else if (Character.isLetter(d)) {
                    letter = true;
                    innerCapital |= i > start && Character.isUpperCase(d) && Character.isLowerCase(line.charAt(i - 1));
                } else if (d == '_' || d == '-') {
                    marked = true;
                }
                i++;
            }
            int end = i;
            while (end > start && ".-_".indexOf(line.charAt(end - 1)) >= 0) {
                end--;
            }
            if (end - start >= MIN_LENGTH && letter && (digit || marked || innerCapital)) {
                out.add(line.substring(start, end));
            }
        }
        return out;
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }
}
