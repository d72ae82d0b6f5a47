package dev.headroom.pipeline;

/**
 * Whether the retention store failed while one text (and the parts compressed inside it) went through the
 * compressor chain. A compressor may catch the store's exception and decline, or fall back to a lossless
 * result: either is right for this request, but must not be remembered, or the unit would stay uncompressed
 * after the store is back.
 */
final class RetentionOutage {
    private volatile boolean happened;

    void record() {
        happened = true;
    }

    boolean happened() {
        return happened;
    }
}
