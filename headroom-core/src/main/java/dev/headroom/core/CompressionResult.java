package dev.headroom.core;

import dev.headroom.pipeline.ReasonCode;
import dev.headroom.pipeline.UnitReport;
import dev.headroom.wire.WireFormat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of {@link Headroom#compress}: the request to send and what was done to it.
 *
 * <p>When nothing was compressed, {@link #bytes()} are the very bytes that came in (for byte and string
 * input), so a proxy forwards the request byte-for-byte.
 */
public final class CompressionResult {
    private final WireFormat format;
    private final String model;
    private final byte[] bytes;
    private final boolean changed;
    private final long tokensBefore;
    private final long tokensAfter;
    private final List<UnitReport> units;
    private final Duration elapsed;

    CompressionResult(WireFormat format, String model, byte[] bytes, boolean changed, long tokensBefore, long tokensAfter,
                      List<UnitReport> units, Duration elapsed) {
        this.format = format;
        this.model = model;
        this.bytes = bytes;
        this.changed = changed;
        this.tokensBefore = tokensBefore;
        this.tokensAfter = tokensAfter;
        this.units = List.copyOf(units);
        this.elapsed = elapsed;
    }

    /** The request's wire format. */
    public WireFormat format() {
        return format;
    }

    /** The model the request names, or an empty string. */
    public String model() {
        return model;
    }

    /** This result naming {@code model} (for formats that name it outside the body, such as Gemini's URL path). */
    public CompressionResult withModel(String model) {
        return new CompressionResult(format, model, bytes, changed, tokensBefore, tokensAfter, units, elapsed);
    }

    /** The request to send, as UTF-8 JSON bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The request to send, as JSON text. */
    public String json() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether any tool output was replaced. */
    public boolean changed() {
        return changed;
    }

    /** Request tokens before compression. */
    public long tokensBefore() {
        return tokensBefore;
    }

    /** Request tokens after compression. */
    public long tokensAfter() {
        return tokensAfter;
    }

    /** Tokens saved. */
    public long tokensSaved() {
        return tokensBefore - tokensAfter;
    }

    /** Fraction of the request's tokens saved, in [0, 1]. */
    public double savingsRatio() {
        return tokensBefore == 0 ? 0 : (double) tokensSaved() / tokensBefore;
    }

    /** One report per tool output, in request order. */
    public List<UnitReport> units() {
        return units;
    }

    /** The transforms applied, in unit order. */
    public List<String> transforms() {
        List<String> transforms = new ArrayList<>();
        for (UnitReport unit : units) {
            if (unit.compressed()) {
                transforms.add(unit.transform());
            }
        }
        return transforms;
    }

    /** How many units were left alone, by reason code, in code order. */
    public Map<String, Integer> reasonCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (UnitReport unit : units) {
            if (!unit.compressed()) {
                counts.merge(unit.reason().code(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Units left alone for the given reason. */
    public long count(ReasonCode reason) {
        return units.stream().filter(u -> u.reason() == reason).count();
    }

    /** Hashes of the originals retained for this request (every marker it now contains). */
    public List<String> retainedHashes() {
        List<String> hashes = new ArrayList<>();
        for (UnitReport unit : units) {
            hashes.addAll(unit.retainedHashes());
        }
        return hashes;
    }

    /** Time spent in Headroom for this request. */
    public Duration elapsed() {
        return elapsed;
    }

    @Override
    public String toString() {
        return "CompressionResult[" + format + ", tokens " + tokensBefore + " -> " + tokensAfter
                + ", transforms=" + transforms() + ", reasons=" + reasonCounts() + "]";
    }
}
