package dev.headroom.compress.search;

import dev.headroom.compress.query.QueryTerms;
import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;

import java.util.Optional;
import java.util.Set;

/**
 * Compresses grep and ripgrep output ({@link ContentType#SEARCH_RESULTS}).
 *
 * <p>Transforms:
 * <ul>
 *   <li>{@code search:grouped} — lossless: hits grouped by file in ripgrep's heading style, so each path is
 *       printed once; used in lossless mode, without retention, and for small outputs;</li>
 *   <li>{@code search:ranked} — files ranked by their best match to the query; per file the first and last
 *       match, the best-matching lines with a line of context, and a count of the rest
 *       ({@code … 37 more matches in src/Foo.java}); files past the line budget are listed with their counts.
 *       The whole original is retained behind one marker.</li>
 * </ul>
 */
public final class SearchResultsCompressor implements Compressor {
    /** Outputs with at most this many hits are only grouped. */
    private static final int SMALL_OUTPUT_HITS = 40;
    private static final int MIN_BUDGET_LINES = 40;
    private static final int MAX_BUDGET_LINES = 200;

    private final SearchOutputParser parser = new SearchOutputParser();
    private final HitSelector selector = new HitSelector();
    private final SearchRenderer renderer = new SearchRenderer();

    @Override
    public String name() {
        return "search-results";
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.SEARCH_RESULTS);
    }

    @Override
    public CompressorResult compress(ContentUnit unit, CompressionContext context) {
        try {
            return compressSafely(unit.text(), context);
        } catch (RuntimeException | StackOverflowError e) {
            return CompressorResult.declined("search output could not be compressed: " + e.getClass().getSimpleName());
        }
    }

    private CompressorResult compressSafely(String text, CompressionContext context) {
        if (text.isBlank()) {
            return CompressorResult.declined("blank");
        }
        Optional<SearchOutput> parsed = parser.parse(text);
        if (parsed.isEmpty()) {
            return CompressorResult.declined("not grep or ripgrep output");
        }
        SearchOutput output = parsed.get();
        if (context.lossless() || !context.canRetain() || output.hitCount() <= SMALL_OUTPUT_HITS) {
            return grouped(text, output);
        }
        QueryTerms terms = QueryTerms.of(context.query());
        HitSelector.Selection selection = selector.select(output, terms, budget(output.hitCount(), context));
        int kept = selection.keptLines();
        if (kept == output.hitCount()) {
            return grouped(text, output);
        }
        int omitted = output.hitCount() - kept;
        String marker = context.retain(text, omitted + " of " + output.hitCount() + " search result lines omitted");
        return CompressorResult.of(renderer.selected(selection, output, terms, marker), "search:ranked");
    }

    private CompressorResult grouped(String text, SearchOutput output) {
        String grouped = renderer.grouped(output);
        if (grouped.isBlank() || grouped.length() >= text.length() * 95L / 100) {
            return CompressorResult.declined("grouping saves too little");
        }
        return CompressorResult.of(grouped, "search:grouped");
    }

    private static int budget(int hits, CompressionContext context) {
        if (context.targetRatio() > 0) {
            return Math.max(10, (int) Math.ceil(hits * context.targetRatio()));
        }
        return Math.max(MIN_BUDGET_LINES, Math.min(MAX_BUDGET_LINES, hits / 5));
    }
}
