package dev.headroom.compress.prose;

import dev.headroom.compress.text.LosslessText;
import dev.headroom.compress.text.MixedContent;
import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Kompress: extractive, query-aware reduction of prose, markdown and unrecognised text.
 *
 * <p>Embedded parts of other kinds (a fenced JSON block, a JSON object, a run of log lines) are routed
 * through {@link CompressionContext#compressPart}. The rest goes through {@link ProseReducer}: headings,
 * code, tables and record lines (indented, aligned or data-like lines) stay, the most informative
 * sentences are kept up to a budget ({@link CompressionContext#targetRatio()}, else about half of the
 * prose), and the original is retained behind one marker at the end. Plain text that is mostly records, and
 * any text in lossless mode or without retention, only has its whitespace normalised and runs of identical
 * lines counted.
 */
public final class KompressCompressor implements Compressor {
    /** Embedded parts shorter than this stay in the prose (larger for markdown, whose examples are content). */
    private static final int MIN_TEXT_PART_CHARS = 500;
    private static final int MIN_PROSE_PART_CHARS = 1_500;

    @Override
    public String name() {
        return "kompress";
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.PROSE, ContentType.TEXT);
    }

    @Override
    public CompressorResult compress(ContentUnit unit, CompressionContext context) {
        try {
            return compressText(unit, context);
        } catch (RuntimeException | StackOverflowError e) {
            return CompressorResult.declined("failed: " + e.getClass().getSimpleName());
        }
    }

    private CompressorResult compressText(ContentUnit unit, CompressionContext context) {
        String text = unit.text();
        if (text.isBlank()) {
            return CompressorResult.declined("blank text");
        }
        boolean markdown = unit.type() == ContentType.PROSE;
        List<MixedContent.Part> parts = MixedContent.split(text,
                markdown ? MIN_PROSE_PART_CHARS : MIN_TEXT_PART_CHARS);
        List<String> routed = MixedContent.routeEmbedded(parts, context);
        String lossless = lossless(parts, routed, markdown);
        if (!context.lossless() && context.canRetain()) {
            List<ProseReducer.Piece> pieces = new ArrayList<>(parts.size());
            for (int i = 0; i < parts.size(); i++) {
                pieces.add(new ProseReducer.Piece(routed.get(i), parts.get(i).embedded()));
            }
            ProseReducer.Result result = ProseReducer.reduce(pieces,
                    new ProseReducer.Options(context.query(), context.targetRatio(),
                            ProseReducer.DEFAULT_RATIO, context.tokens(), markdown));
            boolean prose = markdown || result.mostlyProse();
            if (prose && result.lossy() && !result.text().isBlank()) {
                String marker = context.retain(text, result.summary());
                String out = result.text() + "\n" + marker;
                if (clearlyShorter(out, lossless) || context.tokens().count(out) < context.tokens().count(lossless)) {
                    return CompressorResult.of(out, "kompress:extractive");
                }
            }
        }
        if (lossless.isBlank() || lossless.equals(text)) {
            return CompressorResult.declined("nothing to cut losslessly");
        }
        return CompressorResult.of(lossless, MixedContent.hasEmbedded(parts) ? "kompress:mixed" : "kompress:lossless");
    }

    /** Whether {@code a} is so much shorter than {@code b} that counting tokens is not needed to tell. */
    private static boolean clearlyShorter(String a, String b) {
        return a.length() * 10L < b.length() * 8L;
    }

    private static String lossless(List<MixedContent.Part> parts, List<String> routed, boolean markdown) {
        List<String> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            out.add(parts.get(i).embedded() ? routed.get(i) : LosslessText.normalize(routed.get(i), markdown));
        }
        return String.join("\n", out).replaceFirst("^(?:[ \\t]*\\n)+", "").stripTrailing();
    }
}
