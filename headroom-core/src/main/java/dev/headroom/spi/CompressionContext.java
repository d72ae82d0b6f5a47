package dev.headroom.spi;

import dev.headroom.tokens.TokenCounter;

import java.util.OptionalInt;

/**
 * What a {@link Compressor} may know and ask for while compressing one unit.
 *
 * <p>Everything here is deterministic for a given request and configuration: compressors must not use
 * clocks, random numbers or hash-map iteration order in what they return (rule 5 of DESIGN.md).
 */
public interface CompressionContext {

    /**
     * The user's question that this tool output serves: the latest user-authored text that precedes the
     * unit in the conversation, or an empty string. It is the text before the unit, not the newest one in
     * the request, so that an earlier tool result renders identically on every later turn.
     */
    String query();

    /** The request's model name, or an empty string. */
    String model();

    /** When true, only transformations that lose nothing are allowed, and no marker may be emitted. */
    boolean lossless();

    /**
     * The desired size of the result relative to the original, in (0, 1]; 0 means no target, and the
     * compressor uses its own defaults.
     */
    double targetRatio();

    /** Counts tokens the way the request's model does. */
    TokenCounter tokens();

    /**
     * The tokens of the unit being compressed, when the caller counted them already (the pipeline does; above
     * 32K characters its count is a sampled estimate), so that a compressor need not count the whole text
     * again. Empty when unknown; the default.
     */
    default OptionalInt unitTokens() {
        return OptionalInt.empty();
    }

    /**
     * Whether source code may be rendered as an outline (declarations kept, bodies elided). False when the user
     * turned code-aware compression off, or when the unit is the newest read of its file (kept whole so the agent
     * can edit from it); a compressor then keeps any source code it meets, such as a new file inside a diff,
     * verbatim. True by default.
     */
    default boolean codeAware() {
        return true;
    }

    /**
     * Whether {@link #retain} may be called for this unit. False in lossless mode and when the caller
     * turned reversible compression off; then a compressor must keep everything it cuts visible or
     * decline.
     */
    boolean canRetain();

    /**
     * Stores {@code original} so the model can fetch it back, and returns the marker to embed in the
     * compressed text. The marker names the {@code headroom_retrieve} tool and the hash.
     *
     * @param original the text that the compressed rendering leaves out (usually the whole unit)
     * @param summary  a few words on what was left out, such as {@code "412 of 500 items omitted"};
     *                 brackets and newlines are removed
     * @throws IllegalStateException when {@link #canRetain()} is false
     */
    String retain(String original, String summary);

    /**
     * Runs content detection and the compressor chain on a part of this unit (for example one section of
     * mixed content), with the same query and settings. Returns the part's best rendering, or the part
     * unchanged when nothing made it smaller.
     */
    String compressPart(String part);
}
