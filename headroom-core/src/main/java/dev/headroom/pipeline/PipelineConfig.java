package dev.headroom.pipeline;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings of the compression pipeline.
 *
 * @param lossless             only lossless transformations, no markers
 * @param targetRatio          desired output size relative to input in (0, 1], or 0 for the compressors' defaults
 * @param minUnitChars         tool outputs shorter than this are left alone ({@code too_small})
 * @param protectedTools       names of tools whose outputs are never compressed, matched without regard to case
 *                             against the name of the tool call each output answers
 * @param protectAllTools      when true no tool output is compressed (passthrough of content)
 * @param retention            whether lossy cuts may be retained behind markers
 * @param compressorBudget     a compressor result that took longer is discarded ({@code compressor_failed})
 * @param breakerThreshold     consecutive failures that pause a compressor
 * @param breakerPauseUnits    how many units a paused compressor skips
 * @param memoEntries          how many unit results are remembered by content hash
 * @param codeAware            whether source code may be rendered as an outline (declarations kept, bodies elided
 *                             behind a marker); off leaves source code as it is ({@code code_aware_off})
 * @param readLifecycle        whether reads of a file that was changed and read again later become stale notices
 *                             ({@link StaleReads}, {@link StaleEditPreviews})
 * @param interceptToolResults whether the newest read of a source file is outlined too; by default it is kept whole
 *                             ({@code latest_read}), since an agent reads a file to work on it (see {@link LatestReads})
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
        int memoEntries,
        boolean codeAware,
        boolean readLifecycle,
        boolean interceptToolResults) {

    /** The minimum size of a tool output worth compressing, in characters (DESIGN.md rule 1). */
    public static final int DEFAULT_MIN_UNIT_CHARS = 500;

    public PipelineConfig {
        if (targetRatio < 0 || targetRatio > 1) {
            throw new IllegalArgumentException("targetRatio must be in [0, 1], got " + targetRatio);
        }
        if (minUnitChars < 0) {
            throw new IllegalArgumentException("minUnitChars must not be negative");
        }
        protectedTools = protectedTools.stream().map(PipelineConfig::foldCase).collect(Collectors.toUnmodifiableSet());
    }

    /** The defaults: token mode, retention, code-aware outlines and the read lifecycle on, interceptors off. */
    public static PipelineConfig defaults() {
        return new PipelineConfig(false, 0, DEFAULT_MIN_UNIT_CHARS, Set.of(), false, true,
                Duration.ofSeconds(2), 5, 200, 4_096, true, true, false);
    }

    /** Whether the outputs of the tool named {@code toolName} are protected from compression. */
    public boolean protects(String toolName) {
        return protectAllTools || protectedTools.contains(foldCase(toolName));
    }

    private static String foldCase(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** A stable fingerprint of the settings that change compressor output, for memo keys. */
    String fingerprint() {
        return lossless + "|" + targetRatio + "|" + retention;
    }
}
