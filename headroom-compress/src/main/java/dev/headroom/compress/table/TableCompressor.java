package dev.headroom.compress.table;

import dev.headroom.compress.query.QueryTerms;
import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;

import java.util.List;
import java.util.Set;

/**
 * Compresses CSV and TSV tables. Losslessly: cell padding trimmed and columns with the same value in every
 * row factored into one line ({@code table:compact}). Lossy, when that is not small enough: the header, the
 * first and last rows, every row with an error-like value, rows matching the query, numeric outliers and rare
 * values, with one line per run of left-out rows and one marker for the whole original ({@code table:rows}).
 * Cells are never rewritten. Stateless and thread-safe; never throws.
 */
public final class TableCompressor implements Compressor {
    /** Without a target ratio, lossy passes aim at this share of the original tokens. */
    static final double DEFAULT_TARGET = 0.25;
    private static final List<RowSelector.Budget> BUDGETS = List.of(
            new RowSelector.Budget(30, 60, 3), new RowSelector.Budget(15, 40, 2), new RowSelector.Budget(8, 25, 2));

    @Override
    public String name() {
        return "table";
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.CSV);
    }

    @Override
    public CompressorResult compress(ContentUnit unit, CompressionContext context) {
        try {
            return compact(unit.text(), context);
        } catch (RuntimeException e) {
            return CompressorResult.declined("could not read the table: " + e.getClass().getSimpleName());
        }
    }

    private static CompressorResult compact(String text, CompressionContext context) {
        if (text.isBlank()) {
            return CompressorResult.declined("blank");
        }
        DelimitedText parsed = DelimitedText.parse(text);
        if (parsed == null) {
            return CompressorResult.declined("not a delimited table");
        }
        Table table = Table.of(parsed);
        int before = context.tokens().count(text);
        String lossless = table.render(null);
        int losslessTokens = context.tokens().count(lossless);
        if (context.lossless() || !context.canRetain()) {
            return losslessTokens < before ? CompressorResult.of(lossless, "table:compact")
                    : CompressorResult.declined("already compact");
        }
        double ratio = context.targetRatio() > 0 ? context.targetRatio() : DEFAULT_TARGET;
        if (losslessTokens <= before * ratio || table.rowCount() <= BUDGETS.get(0).rows()) {
            return losslessTokens < before ? CompressorResult.of(lossless, "table:compact")
                    : CompressorResult.declined("already compact");
        }
        RowSet rows = table.rowSet(QueryTerms.of(context.query()));
        String best = null;
        int[] bestKept = null;
        for (RowSelector.Budget budget : BUDGETS) {
            int[] kept = RowSelector.select(rows, 0, table.rowCount(), budget);
            String rendered = table.render(kept);
            int tokens = context.tokens().count(rendered);
            best = rendered;
            bestKept = kept;
            if (tokens <= before * ratio) {
                break;
            }
        }
        if (bestKept.length == table.rowCount()) {
            return CompressorResult.of(lossless, "table:compact");
        }
        String summary = (table.rowCount() - bestKept.length) + " of " + table.rowCount() + " rows omitted";
        return CompressorResult.of(best + "\n" + context.retain(text, summary), "table:rows");
    }
}
