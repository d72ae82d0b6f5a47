package dev.headroom.compress.json;

import dev.headroom.tokens.TokenCounter;

/**
 * Token counts that stay cheap on large texts: up to {@value #EXACT_CHARS} characters are counted exactly,
 * longer texts from three samples (beginning, middle, end), scaled by length. Used only to choose how hard to
 * cut; the pipeline counts the final text exactly.
 */
final class TokenEstimate {
    static final int EXACT_CHARS = 12_000;
    private static final int SAMPLE = EXACT_CHARS / 3;

    private TokenEstimate() {
    }

    static int of(TokenCounter counter, String text) {
        int n = text.length();
        if (n <= EXACT_CHARS) {
            return counter.count(text);
        }
        int middle = n / 2 - SAMPLE / 2;
        long sampled = counter.count(slice(text, 0)) + counter.count(slice(text, middle))
                + counter.count(slice(text, n - SAMPLE));
        return (int) Math.min(Integer.MAX_VALUE, sampled * n / (3L * SAMPLE));
    }

    /** {@link #SAMPLE} characters from {@code start}, not splitting a surrogate pair. */
    private static String slice(String text, int start) {
        int from = start > 0 && Character.isLowSurrogate(text.charAt(start)) ? start + 1 : start;
        int to = Math.min(text.length(), from + SAMPLE);
        if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
            to--;
        }
        return text.substring(from, to);
    }
}
