package dev.headroom.pipeline;

import dev.headroom.retention.Marker;
import dev.headroom.retention.RetentionStore;
import dev.headroom.retention.RetentionUnavailableException;
import dev.headroom.spi.CompressionContext;
import dev.headroom.tokens.TokenCounter;

import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/** The context one compressor sees for one unit (or one part of a unit) of the pipeline. */
final class UnitContext implements CompressionContext {
    private final PipelineConfig config;
    private final RetentionStore store;
    private final String query;
    private final String model;
    private final TokenCounter counter;
    private final int unitTokens;
    private final ReasonCode noOutline;
    private final UnaryOperator<String> parts;
    private final RetentionOutage outage;

    /**
     * @param noOutline why source code must not be outlined, or null when it may be
     * @param parts     runs detection and the chain on a part of this unit, one level deeper
     * @param outage    where a failure of the store is noted, whatever the compressor does with the exception
     */
    UnitContext(PipelineConfig config, RetentionStore store, String query, String model, TokenCounter counter,
                int unitTokens, ReasonCode noOutline, UnaryOperator<String> parts, RetentionOutage outage) {
        this.config = config;
        this.store = store;
        this.query = query;
        this.model = model;
        this.counter = counter;
        this.unitTokens = unitTokens;
        this.noOutline = noOutline;
        this.parts = parts;
        this.outage = outage;
    }

    @Override
    public boolean codeAware() {
        return noOutline == null;
    }

    @Override
    public OptionalInt unitTokens() {
        return OptionalInt.of(unitTokens);
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public boolean lossless() {
        return config.lossless();
    }

    @Override
    public double targetRatio() {
        return config.targetRatio();
    }

    @Override
    public TokenCounter tokens() {
        return counter;
    }

    @Override
    public boolean canRetain() {
        return config.retention() && !config.lossless();
    }

    @Override
    public String retain(String original, String summary) {
        if (!canRetain()) {
            throw new IllegalStateException("retention is not available (lossless mode or retention off)");
        }
        try {
            return Marker.render(store.put(original), summary);
        } catch (RetentionUnavailableException e) {
            outage.record();
            throw e;
        }
    }

    @Override
    public String compressPart(String part) {
        return parts.apply(part);
    }
}
