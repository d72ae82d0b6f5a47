package dev.headroom.compress.text;

import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The last resort for unrecognised text, below Kompress: routes embedded parts of other kinds (a fenced JSON
 * block, a JSON object, a run of log lines) through content detection, and otherwise only normalises
 * whitespace and collapses runs of identical lines into one line plus {@code [×N]}. It never cuts anything
 * itself, so it emits no marker of its own.
 */
public final class TextFallbackCompressor implements Compressor {
    /** Embedded parts shorter than this stay where they are. */
    static final int MIN_PART_CHARS = 500;

    @Override
    public String name() {
        return "text-fallback";
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.TEXT);
    }

    @Override
    public int priority() {
        return 40;
    }

    @Override
    public CompressorResult compress(ContentUnit unit, CompressionContext context) {
        try {
            String text = unit.text();
            if (text.isBlank()) {
                return CompressorResult.declined("blank text");
            }
            List<MixedContent.Part> parts = MixedContent.split(text, MIN_PART_CHARS);
            List<String> rendered = new ArrayList<>(parts.size());
            boolean routed = false;
            for (MixedContent.Part part : parts) {
                if (part.embedded()) {
                    String body = context.compressPart(part.body());
                    routed |= !body.equals(part.body());
                    rendered.add(part.render(body));
                } else {
                    rendered.add(LosslessText.normalize(part.body(), false));
                }
            }
            String result = String.join("\n", rendered).replaceFirst("^(?:[ \\t]*\n)+", "").stripTrailing();
            if (result.isEmpty() || result.equals(text)) {
                return CompressorResult.declined("nothing to normalise");
            }
            return CompressorResult.of(result, routed ? "text:mixed" : "text:lossless");
        } catch (RuntimeException | StackOverflowError e) {
            return CompressorResult.declined("failed: " + e.getClass().getSimpleName());
        }
    }
}
