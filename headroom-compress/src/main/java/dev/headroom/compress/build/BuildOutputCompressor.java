package dev.headroom.compress.build;

import dev.headroom.compress.log.DigestBudget;
import dev.headroom.compress.log.LineDigest;
import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;

import java.util.Set;

/**
 * Compresses build and test output. Keeps errors, failing tests with their assertion message and first
 * frames, compiler errors with their excerpt, warnings grouped by message with their other locations listed
 * compactly, and summaries ({@code Tests run:}, {@code BUILD FAILURE}, {@code N Warning(s)},
 * {@code test result:}); drops download, progress and plugin-banner noise; collapses repetition. The whole
 * original is retained behind one marker. Transforms: {@code build:digest}, {@code build:lossless}.
 */
public final class BuildOutputCompressor implements Compressor {
    private static final BuildDialect DIALECT = new BuildDialect();

    @Override
    public String name() {
        return "build-digest";
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.BUILD_OUTPUT);
    }

    @Override
    public CompressorResult compress(ContentUnit unit, CompressionContext context) {
        try {
            if (unit.text().isBlank()) {
                return CompressorResult.declined("blank");
            }
            return LineDigest.compress(unit.text(), context, DIALECT, DigestBudget.build(), "build:digest",
                    "build:lossless");
        } catch (RuntimeException | StackOverflowError e) {
            return CompressorResult.declined("build digest failed: " + e.getClass().getSimpleName());
        }
    }
}
