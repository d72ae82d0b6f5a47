package dev.headroom.compress.xml;

import dev.headroom.compress.query.QueryTerms;
import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;

import java.util.Optional;
import java.util.Set;

/**
 * Compresses JUnit/xUnit XML test reports (root {@code <testsuite>} or {@code <testsuites>}; other XML is
 * declined): totals per suite, every failure and error with its message and the first lines of its stack and
 * of its captured output; passing test cases and properties are counted. The whole original is retained
 * behind one marker. Transform: {@code xml:junit}. Lossy only, so it declines in lossless mode.
 */
public final class JUnitReportCompressor implements Compressor {
    private static final int SNIFF_CHARS = 4_096;

    @Override
    public String name() {
        return "junit-report";
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.XML);
    }

    @Override
    public CompressorResult compress(ContentUnit unit, CompressionContext context) {
        try {
            String text = unit.text();
            if (text.isBlank()) {
                return CompressorResult.declined("blank");
            }
            if (!context.canRetain()) {
                return CompressorResult.declined("a report digest is lossy");
            }
            String head = text.length() > SNIFF_CHARS ? text.substring(0, SNIFF_CHARS) : text;
            if (!head.contains("<testsuite")) {
                return CompressorResult.declined("not a JUnit report");
            }
            Optional<JUnitReport> report = JUnitReportParser.parse(text);
            if (report.isEmpty()) {
                return CompressorResult.declined("not a well-formed JUnit report");
            }
            String digest = JUnitDigest.write(report.get(), QueryTerms.of(context.query()));
            String marker = context.retain(text, "full XML report omitted");
            return CompressorResult.of(digest + marker, "xml:junit");
        } catch (RuntimeException | StackOverflowError e) {
            return CompressorResult.declined("report digest failed: " + e.getClass().getSimpleName());
        }
    }
}
