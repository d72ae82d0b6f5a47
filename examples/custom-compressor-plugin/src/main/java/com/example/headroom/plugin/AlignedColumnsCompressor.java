package com.example.headroom.plugin;

import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A third-party compressor: space-aligned tables such as {@code kubectl get pods} or {@code docker ps}
 * output pad their columns with runs of spaces. Replacing each run with a single tab keeps every cell and
 * the column structure, so it is lossless, and it saves the padding's tokens.
 */
public final class AlignedColumnsCompressor implements Compressor {
    private static final Pattern PADDING = Pattern.compile(" {2,}");

    @Override
    public String name() {
        return "aligned-columns";
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.TEXT, ContentType.CSV, ContentType.PROSE);
    }

    /** Higher than every built-in compressor, so this plugin is tried first for its types. */
    @Override
    public int priority() {
        return 200;
    }

    @Override
    public CompressorResult compress(ContentUnit unit, CompressionContext context) {
        String text = unit.text();
        String[] lines = text.split("\n", -1);
        int aligned = 0;
        for (String line : lines) {
            if (PADDING.matcher(line.strip()).find() && !line.contains("\t")) {
                aligned++;
            }
        }
        if (lines.length < 3 || aligned * 10 < lines.length * 8) {
            return CompressorResult.declined("not a space-aligned table");
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            out.append(PADDING.matcher(lines[i].strip()).replaceAll("\t"));
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return CompressorResult.of(out.toString(), "aligned-columns:tabs");
    }
}
