package dev.headroom.spi;

import java.util.Set;

/**
 * Shrinks one piece of tool output while keeping what the model needs.
 *
 * <h2>Discovery</h2>
 * Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.headroom.spi.Compressor} (and in {@code provides} of a {@code module-info}
 * when the jar is a named module). The constructor must be public, take no arguments and do nothing
 * expensive; a constructor that throws is reported by name and the provider is skipped. All discovered
 * compressors are used, ordered by {@link #priority()} (highest first) and then by {@link #name()}.
 *
 * <h2>Contract</h2>
 * Every implementation, checked by the shared {@code CompressorContract} test suite:
 * <ul>
 *   <li>never throws out of {@link #compress}: a unit it cannot handle is declined
 *       ({@link CompressorResult#declined});</li>
 *   <li>is deterministic: the same unit and context give the same text on every call and in every fresh
 *       instance (no clocks, random numbers or hash-map order);</li>
 *   <li>never returns an empty text, and keeps the facts an agent needs visible in the text itself
 *       (errors, the failing test, the anomalous row); whatever it cuts it either retains through
 *       {@link CompressionContext#retain} or, when retention is unavailable, does not cut;</li>
 *   <li>respects {@link CompressionContext#lossless()}.</li>
 * </ul>
 * The pipeline also guards every result: a text that is not smaller in tokens is discarded, and a
 * compressor that throws or fails repeatedly is skipped for a while (circuit breaker).
 *
 * <p>Implementations must be thread-safe: one instance serves concurrent requests.
 */
public interface Compressor {

    /** A short stable identifier, unique among compressors, such as {@code "smart-crusher"}. */
    String name();

    /** The content types this compressor handles; an empty set means every type. */
    Set<ContentType> contentTypes();

    /**
     * Order among the compressors that handle a type: higher runs first. The built-in compressors use
     * values between 0 and 100; a plugin that should take precedence uses a larger value.
     */
    default int priority() {
        return 50;
    }

    /**
     * Compresses one unit or declines it.
     *
     * @param unit    the text and its detected type
     * @param context query, settings, token counting and retention for this unit
     * @return a replacement text or a decline; never null
     */
    CompressorResult compress(ContentUnit unit, CompressionContext context);
}
