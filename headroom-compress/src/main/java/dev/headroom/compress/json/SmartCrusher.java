package dev.headroom.compress.json;

import dev.headroom.compress.query.QueryTerms;
import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.spi.Compressor;
import dev.headroom.tokens.TokenCounter;

import java.util.Set;

/**
 * SmartCrusher: compresses JSON documents and JSON lines of any shape.
 *
 * <p>First a lossless rendering: compact JSON in which arrays of similar objects (wherever they are) become
 * tables with a header row, constant fields factored out and numbers and strings exactly as in the input
 * ({@code json:minify}, {@code json:table}, {@code jsonl:table}). When that is not small enough and a lossy
 * cut is allowed, each array keeps a representative subset — first and last items, every error, failed,
 * critical or firing item, items matching the query, numeric outliers and jumps, rare values and changes of
 * categorical fields — nulls, empty and derivable link fields are dropped and long strings shortened unless
 * they are needles; the whole original is retained behind one marker ({@code json:crush}).
 *
 * <p>Stateless and thread-safe; never throws.
 */
public final class SmartCrusher implements Compressor {
    /** Without a target ratio, lossy passes aim at this share of the original tokens. */
    static final double DEFAULT_TARGET = 0.25;
    /** Without a target ratio, the harshest pass runs only while the result is above this share. */
    static final double RESCUE_TARGET = 0.36;
    /** Below this size a table's explanation may cost more than it saves, so plain compact JSON competes. */
    private static final int SMALL_CHARS = 64_000;

    @Override
    public String name() {
        return "smart-crusher";
    }

    /**
     * JSON, and logs too: content detection types JSON-lines logs with a plain header line (a pino log after
     * {@code stdout:}) as {@link ContentType#LOG}; a log that is not mostly JSON lines is declined at once.
     */
    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.JSON, ContentType.LOG);
    }

    @Override
    public int priority() {
        return 60;
    }

    @Override
    public CompressorResult compress(ContentUnit unit, CompressionContext context) {
        try {
            if (unit.type() == ContentType.LOG && !JsonReader.mostlyJsonLines(unit.text())) {
                return CompressorResult.declined("a log that is not JSON lines");
            }
            return crush(unit.text(), context);
        } catch (RuntimeException | StackOverflowError e) {
            return CompressorResult.declined("could not crush: " + e.getClass().getSimpleName());
        }
    }

    private static CompressorResult crush(String text, CompressionContext context) {
        if (text.isBlank()) {
            return CompressorResult.declined("blank");
        }
        Document doc = JsonReader.read(text);
        if (doc == null) {
            return CompressorResult.declined("not JSON");
        }
        if (!(doc.root() instanceof Json.Obj || doc.root() instanceof Json.Arr)) {
            return CompressorResult.declined("a JSON scalar");
        }
        TokenCounter counter = context.tokens();
        int before = context.unitTokens().orElseGet(() -> TokenEstimate.of(counter, text));
        SectionRenderer.Rendering tabled = Renderer.render(doc, null);
        String lossless = tabled.body();
        String losslessName = !tabled.sections() ? "json:minify" : doc.lines() ? "jsonl:table" : "json:table";
        int losslessTokens = TokenEstimate.of(counter, lossless);
        if (tabled.sections() && text.length() < SMALL_CHARS) {
            String minified = Renderer.minified(doc);
            int minifiedTokens = TokenEstimate.of(counter, minified);
            if (minifiedTokens <= losslessTokens) {
                lossless = minified;
                losslessName = doc.lines() ? "jsonl:minify" : "json:minify";
                losslessTokens = minifiedTokens;
            }
        }
        if (context.lossless() || !context.canRetain()) {
            return losslessTokens < before ? CompressorResult.of(lossless, losslessName)
                    : CompressorResult.declined("already compact");
        }
        double ratio = context.targetRatio() > 0 ? context.targetRatio() : DEFAULT_TARGET;
        int target = (int) (before * ratio);
        if (losslessTokens <= target) {
            return CompressorResult.of(lossless, losslessName);
        }
        ArrayGroups groups = ArrayGroups.of(doc, QueryTerms.of(context.query()));
        String best = null;
        Pruner bestPruner = null;
        int bestTokens = Integer.MAX_VALUE;
        double rescue = context.targetRatio() > 0 ? ratio : RESCUE_TARGET;
        for (Level level : Level.ALL) {
            if (level.lastResort() && bestTokens <= before * rescue) {
                break; // close enough: the last resort would leave too few items to be representative
            }
            groups.select(level);
            Pruner pruner = Pruner.prune(doc, groups, level);
            if (!pruner.changed()) {
                continue;
            }
            String rendered = Renderer.render(pruner.document(), pruner.note()).body();
            int tokens = TokenEstimate.of(counter, rendered);
            if (tokens < bestTokens) {
                best = rendered;
                bestPruner = pruner;
                bestTokens = tokens;
            }
            if (tokens <= target) {
                break;
            }
        }
        if (best == null || bestTokens >= losslessTokens) {
            return losslessTokens < before ? CompressorResult.of(lossless, losslessName)
                    : CompressorResult.declined("already compact");
        }
        String marker = context.retain(text, bestPruner.summary());
        return CompressorResult.of(best + "\n" + marker, "json:crush");
    }
}
