package dev.headroom.spi;

import java.util.Set;

/** A plugin whose constructor throws, as a broken third-party jar would. */
public final class BrokenCompressor implements Compressor {
    public BrokenCompressor() {
        throw new IllegalStateException("missing license file");
    }

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of();
    }

    @Override
    public CompressorResult compress(ContentUnit unit, CompressionContext context) {
        return CompressorResult.declined("never constructed");
    }
}
