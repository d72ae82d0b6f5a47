package dev.headroom.compress.log;

import dev.headroom.compress.query.QueryTerms;
import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.CompressorResult;

import java.util.List;

/**
 * The shared digest procedure of the log and build-output compressors: segment, group, plan, render, retain
 * the original behind one marker. Lossless mode (or no retention) collapses exact repeats only.
 */
public final class LineDigest {
    private static final double GENERIC_TERM_SHARE = 0.25;
    /** A lossy digest must be at most this share of the original's length to be worth a retrieval round trip. */
    private static final double WORTHWHILE = 0.8;

    private LineDigest() {
    }

    /**
     * Compresses {@code text}; {@code transform} names the lossy result and {@code losslessTransform} the
     * lossless one.
     */
    public static CompressorResult compress(String text, CompressionContext context, Dialect dialect,
                                            DigestBudget budget, String transform, String losslessTransform) {
        List<String> lines = TextLines.split(text);
        if (!context.canRetain()) {
            String collapsed = LosslessCollapse.collapse(lines);
            return collapsed == null || collapsed.isBlank()
                    ? CompressorResult.declined("nothing to collapse losslessly")
                    : CompressorResult.of(collapsed, losslessTransform);
        }
        if (lines.size() < 3) {
            return CompressorResult.declined("too few lines");
        }
        QueryTerms query = QueryTerms.of(context.query()).selective(lines, GENERIC_TERM_SHARE);
        List<Entry> entries = EntrySegmenter.segment(lines, dialect);
        DigestWriter.Rendering rendering = render(lines, entries, dialect, budget, query);
        if (context.targetRatio() > 0 && context.targetRatio() < 1) {
            int limit = (int) (context.tokens().count(text) * context.targetRatio());
            if (context.tokens().count(rendering.text()) > limit) {
                rendering = render(lines, entries, dialect, budget.tighter(), query);
            }
        }
        int omitted = lines.size() - rendering.verbatimLines();
        if (omitted <= 0) {
            return CompressorResult.declined("nothing to omit");
        }
        if (rendering.text().length() > text.length() * WORTHWHILE) {
            return CompressorResult.declined("too little to gain for a lossy digest");
        }
        String marker = context.retain(text, TextLines.count(omitted) + " of " + TextLines.count(lines.size())
                + " lines omitted");
        return CompressorResult.of(rendering.text() + marker, transform);
    }

    private static DigestWriter.Rendering render(List<String> lines, List<Entry> entries, Dialect dialect,
                                                 DigestBudget budget, QueryTerms query) {
        return DigestWriter.render(DigestPlan.of(lines, entries, budget, query), dialect, budget);
    }
}
