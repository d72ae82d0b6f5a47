package dev.headroom.compress.log;

import dev.headroom.compress.query.QueryTerms;
import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;

import java.util.List;
import java.util.Set;

/**
 * Compresses service and application logs. Keeps every distinct error, fatal and exception (a trace repeated
 * 40 times appears once with {@code [×40]}), warnings up to a budget, a little context around errors, the
 * first and last lines and lines naming the user's query terms; collapses repeated lines of the same shape
 * into their first occurrence with a count and the last timestamp. Access logs get their own digest. The
 * whole original is retained behind one marker. Transforms: {@code log:digest}, {@code log:access},
 * {@code log:lossless}.
 */
public final class LogCompressor implements Compressor {
    private static final Dialect DIALECT = new LogDialect();
    private static final double GENERIC_TERM_SHARE = 0.25;

    @Override
    public String name() {
        return "log-digest";
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.LOG);
    }

    @Override
    public CompressorResult compress(ContentUnit unit, CompressionContext context) {
        try {
            String text = unit.text();
            if (text.isBlank()) {
                return CompressorResult.declined("blank");
            }
            if (context.canRetain()) {
                CompressorResult access = accessLog(text, context);
                if (access != null) {
                    return access;
                }
            }
            return LineDigest.compress(text, context, DIALECT, DigestBudget.logs(), "log:digest", "log:lossless");
        } catch (RuntimeException | StackOverflowError e) {
            return CompressorResult.declined("log digest failed: " + e.getClass().getSimpleName());
        }
    }

    private static CompressorResult accessLog(String text, CompressionContext context) {
        List<String> lines = TextLines.split(text);
        // Terms that most lines contain ("http", "request") single nothing out.
        DigestWriter.Rendering rendering = AccessLogDigest.digest(lines,
                QueryTerms.of(context.query()).selective(lines, GENERIC_TERM_SHARE));
        if (rendering == null) {
            return null;
        }
        int omitted = lines.size() - rendering.verbatimLines();
        String marker = context.retain(text, TextLines.count(omitted) + " of " + TextLines.count(lines.size())
                + " lines omitted");
        return CompressorResult.of(rendering.text() + marker, "log:access");
    }
}
