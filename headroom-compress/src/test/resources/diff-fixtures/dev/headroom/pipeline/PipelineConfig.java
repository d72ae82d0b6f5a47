package dev.headroom.pipeline;

import java.time.Duration;
import java.util.Set;

/**
 * Settings of the compression pipeline.
 *
 * @param lossless           only lossless transformations, no markers
 * @param targetRatio        desired output size relative to input in (0, 1], or 0 for the compressors' defaults
 * @param minUnitChars       tool outputs shorter than this are left alone ({@code too_small})
 * @param protectedTools     names of tools whose outputs are never compressed
 * @param protectAllTools    when true no tool output is compressed (passthrough of content)
 * @param retention          whether lossy cuts may be retained behind markers
 * @param compressorBudget   a compressor result that took longer is discarded ({@code compressor_failed})
 * @param breakerThreshold   consecutive failures that pause a compressor
 * @param breakerPauseUnits  how many units a paused compressor skips
 * @param memoEntries        how many unit results are remembered by content hash
 */
public record PipelineConfig(
        boolean lossless,
        double targetRatio,
        int minUnitChars,
        Set<String> protectedTools,
        boolean protectAllTools,
        boolean retention,
        Duration compressorBudget,
        int breakerThreshold,
        int breakerPauseUnits,
        int memoEntries) {

    /** The minimum size of a tool output worth compressing, in characters (DESIGN.md rule 1). */
    public static final int DEFAULT_MIN_UNIT_CHARS = 500;

    public PipelineConfig {
        if (targetRatio < 0 || targetRatio > 1) {
            throw new IllegalArgumentException("targetRatio must be in [0, 1], got " + targetRatio);
        }
        if (minUnitChars < 0) {
            throw new IllegalArgumentException("minUnitChars must not be negative");
        }
        protectedTools = Set.copyOf(protectedTools);
    }

    /** The defaults: token mode, retention on. */
    public static PipelineConfig defaults() {
        return new PipelineConfig(false, 0, DEFAULT_MIN_UNIT_CHARS, Set.of(), false, true,
                Duration.ofSeconds(2), 5, 200, 4_096);
    }

    /** A stable fingerprint of the settings that change compressor output, for memo keys. */
    String fingerprint() {
        return lossless + "|" + targetRatio + "|" + retention;
    }
}
