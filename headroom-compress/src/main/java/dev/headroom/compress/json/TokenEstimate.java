package dev.headroom.compress.json;

import dev.headroom.tokens.TokenCounter;

/**
 * Token counts that stay cheap on megabyte inputs: texts up to {@value #EXACT_CHARS} characters are counted
 * exactly, longer ones from their beginning and end, scaled by length.
 */
final class TokenEstimate {
    static final int EXACT_CHARS = 48_000;
    private static final int SAMPLE = EXACT_CHARS / 2;

    private TokenEstimate() {
    }

    static int of(TokenCounter counter, String text) {
        if (text.length() <= EXACT_CHARS) {
            return counter.count(text);
        }
        int sampled = counter.count(text.substring(0, SAMPLE)) + counter.count(text.substring(text.length() - SAMPLE));
        return (int) Math.min(Integer.MAX_VALUE, (long) sampled * text.length() / EXACT_CHARS);
    }
}
