package dev.headroom.compress.code;

import dev.headroom.compress.query.QueryTerms;
import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;

import java.util.Optional;
import java.util.Set;

/**
 * Compresses source code ({@link ContentType#SOURCE_CODE}) to an outline: declarations, signatures,
 * annotations and the first sentence of doc comments stay; function bodies become {@code { … 23 lines }}
 * (Python: {@code ...  # 23 lines}). Functions the query names are kept whole. Line numbers of a file-read
 * tool's output are kept on every line shown. The whole original is retained behind one marker.
 *
 * <p>Transforms: {@code code:outline-java}, {@code code:outline-python}, {@code code:outline-go},
 * {@code code:outline-rust}, {@code code:outline-javascript}, {@code code:outline-typescript}.
 * Declines when {@link CompressionContext#codeAware()} is false, in lossless mode, without retention, for other
 * languages, and for source that does not parse.
 */
public final class CodeOutlineCompressor implements Compressor {
    /** The outline must be at most this share of the source's characters to be worth a marker. */
    private static final double MAX_SHARE = 0.8;

    @Override
    public String name() {
        return "code-outline";
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.SOURCE_CODE);
    }

    @Override
    public CompressorResult compress(ContentUnit unit, CompressionContext context) {
        try {
            return compressSafely(unit, context);
        } catch (RuntimeException | StackOverflowError e) {
            return CompressorResult.declined("source could not be outlined: " + e.getClass().getSimpleName());
        }
    }

    private static CompressorResult compressSafely(ContentUnit unit, CompressionContext context) {
        String text = unit.text();
        if (text.isBlank()) {
            return CompressorResult.declined("blank");
        }
        if (!context.codeAware()) {
            return CompressorResult.declined("code-aware compression is off for this unit");
        }
        if (context.lossless() || !context.canRetain()) {
            return CompressorResult.declined("an outline is lossy and needs retention");
        }
        Optional<CodeOutline> outline = SourceOutlines.outline(text, unit.language(), QueryTerms.of(context.query()));
        if (outline.isEmpty()) {
            return CompressorResult.declined("unsupported language or source that does not parse");
        }
        CodeOutline o = outline.get();
        if (o.text().length() > text.length() * MAX_SHARE) {
            return CompressorResult.declined("the outline saves too little");
        }
        String marker = context.retain(text, o.summary());
        String body = o.text().endsWith("\n") ? o.text() : o.text() + "\n";
        return CompressorResult.of(body + marker, "code:outline-" + o.language());
    }
}
