package dev.headroom.pipeline;

import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;

import java.util.Set;

/** A simple real compressor for pipeline tests: keeps the first lines and retains the rest. */
public final class KeepHeadCompressor implements Compressor {
    private final int keep;

    public KeepHeadCompressor() {
        this(5);
    }

    public KeepHeadCompressor(int keep) {
        this.keep = keep;
    }

    @Override
    public String name() {
        return "keep-head";
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of();
    }

    @Override
    public CompressorResult compress(ContentUnit unit, CompressionContext context) {
        String[] lines = unit.text().split("\n", -1);
        if (unit.text().isBlank() || lines.length <= keep || !context.canRetain()) {
            return CompressorResult.declined("nothing to cut");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keep; i++) {
            sb.append(lines[i]).append('\n');
        }
        sb.append(context.retain(unit.text(), (lines.length - keep) + " of " + lines.length + " lines omitted"));
        return CompressorResult.of(sb.toString(), "keep-head:lines");
    }
}
