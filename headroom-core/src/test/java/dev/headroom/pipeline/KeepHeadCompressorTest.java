package dev.headroom.pipeline;

import dev.headroom.spi.Compressor;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.CompressorContract;

import java.util.List;

/** The contract suite checks the test compressor too, so pipeline tests rest on a well-behaved part. */
class KeepHeadCompressorTest extends CompressorContract {
    @Override
    protected Compressor newCompressor() {
        return new KeepHeadCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        return List.of(ContentUnit.of("line\n".repeat(200), ContentType.LOG), ContentUnit.of("short", ContentType.TEXT));
    }
}
