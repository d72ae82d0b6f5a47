package dev.headroom.tokens;

/**
 * Counts tokens the way one model family's tokenizer does. Implementations are thread-safe.
 */
public interface TokenCounter {

    /** The tokenizer's name, such as {@code "cl100k_base"}. */
    String encodingName();

    /** The number of tokens in {@code text}; special-token strings are counted as ordinary text. */
    int count(String text);
}
