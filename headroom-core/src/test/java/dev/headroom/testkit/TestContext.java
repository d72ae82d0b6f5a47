package dev.headroom.testkit;

import dev.headroom.retention.InMemoryRetentionStore;
import dev.headroom.retention.Marker;
import dev.headroom.spi.CompressionContext;
import dev.headroom.tokens.JtokkitTokenCounter;
import dev.headroom.tokens.TokenCounter;
import dev.headroom.tokens.TokenizerFamily;

import java.util.function.UnaryOperator;

/**
 * A real {@link CompressionContext} for compressor tests: an in-memory retention store, cl100k_base token
 * counting, and settings chosen per test. {@link #compressPart} returns the part unchanged unless a part
 * compressor is given.
 */
public final class TestContext implements CompressionContext {
    private final String query;
    private final boolean lossless;
    private final boolean retention;
    private final double targetRatio;
    private final InMemoryRetentionStore store;
    private final UnaryOperator<String> partCompressor;

    private TestContext(String query, boolean lossless, boolean retention, double targetRatio,
                        InMemoryRetentionStore store, UnaryOperator<String> partCompressor) {
        this.query = query;
        this.lossless = lossless;
        this.retention = retention;
        this.targetRatio = targetRatio;
        this.store = store;
        this.partCompressor = partCompressor;
    }

    /** Token mode, retention on, no query. */
    public static TestContext standard() {
        return new TestContext("", false, true, 0, new InMemoryRetentionStore(), UnaryOperator.identity());
    }

    public TestContext withQuery(String q) {
        return new TestContext(q, lossless, retention, targetRatio, store, partCompressor);
    }

    public TestContext withLossless(boolean l) {
        return new TestContext(query, l, retention, targetRatio, store, partCompressor);
    }

    public TestContext withRetention(boolean r) {
        return new TestContext(query, lossless, r, targetRatio, store, partCompressor);
    }

    public TestContext withTargetRatio(double ratio) {
        return new TestContext(query, lossless, retention, ratio, store, partCompressor);
    }

    public TestContext withPartCompressor(UnaryOperator<String> parts) {
        return new TestContext(query, lossless, retention, targetRatio, store, parts);
    }

    /** The store that {@link #retain} writes to. */
    public InMemoryRetentionStore store() {
        return store;
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public String model() {
        return "claude-sonnet-4-5";
    }

    @Override
    public boolean lossless() {
        return lossless;
    }

    @Override
    public double targetRatio() {
        return targetRatio;
    }

    @Override
    public TokenCounter tokens() {
        return JtokkitTokenCounter.of(TokenizerFamily.CL100K);
    }

    @Override
    public boolean canRetain() {
        return retention && !lossless;
    }

    @Override
    public String retain(String original, String summary) {
        if (!canRetain()) {
            throw new IllegalStateException("retention is not available");
        }
        return Marker.render(store.put(original), summary);
    }

    @Override
    public String compressPart(String part) {
        return partCompressor.apply(part);
    }
}
