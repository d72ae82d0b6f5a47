package dev.headroom.cli;

import dev.headroom.shaper.OutputShaperSettings;
import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * Switches of the output shaper (a picocli mixin of {@code proxy}): the verbosity instruction, its level, and
 * effort routing of mechanical continuations, and the holdout that measures them. All off unless
 * {@code --output-shaper}; effort routing follows the shaper unless set on its own.
 */
final class OutputShaperSwitches {

    @Option(names = "--output-shaper", negatable = true, fallbackValue = "true", converter = CompressionSwitches.Switch.class,
            defaultValue = "${env:HEADROOM_OUTPUT_SHAPER:-false}",
            description = {"Fewer output tokens: append a short instruction (no preamble, recap or restated output) as the "
                    + "last system block of each model request, after every cache_control breakpoint, once; and route "
                    + "effort (see --effort-router). Off by default. Env: HEADROOM_OUTPUT_SHAPER=1."})
    boolean outputShaper;

    @Option(names = "--verbosity-level", paramLabel = "1-4", defaultValue = "${env:HEADROOM_VERBOSITY_LEVEL:-2}",
            description = {"How terse the instruction asks for: 1 no preamble or recap; 2 (default) also never restate "
                    + "code or tool output, reference path:line, no narration after a successful tool call; 3 also "
                    + "conclusions only and the smallest edit; 4 minimum tokens. Env: HEADROOM_VERBOSITY_LEVEL."})
    int verbosityLevel;

    @Option(names = "--effort-router", negatable = true, fallbackValue = "true", converter = CompressionSwitches.Switch.class,
            defaultValue = "${env:HEADROOM_EFFORT_ROUTER}",
            description = {"When the latest user turn holds only non-error tool results, lower an effort the client set "
                    + "(output_config.effort, reasoning_effort, reasoning.effort) to --mechanical-effort and clamp an "
                    + "enabled thinking budget to 1024; never adds effort or switches thinking. Default: on with "
                    + "--output-shaper. Env: HEADROOM_EFFORT_ROUTER."})
    Boolean effortRouter;

    @Option(names = "--mechanical-effort", paramLabel = "EFFORT", defaultValue = "${env:HEADROOM_MECHANICAL_EFFORT:-low}",
            description = {"The effort of a tool continuation (default ${DEFAULT-VALUE}; none, minimal, low or medium; "
                    + "Anthropic gets at least low). Env: HEADROOM_MECHANICAL_EFFORT."})
    String mechanicalEffort;

    @Option(names = "--output-holdout", paramLabel = "FRACTION", defaultValue = "${env:HEADROOM_OUTPUT_HOLDOUT:-0.1}",
            description = {"Share of conversations (by a stable hash of model and first user message) forwarded unshaped "
                    + "for their whole life, to measure the shaper's saving of output tokens against (/stats "
                    + "output_savings). Default ${DEFAULT-VALUE}; 0 turns the holdout off. Env: HEADROOM_OUTPUT_HOLDOUT."})
    double outputHoldout;

    /** The settings, or a message to report as a usage error. */
    OutputShaperSettings settings() {
        boolean routing = effortRouter == null ? outputShaper : effortRouter;
        return new OutputShaperSettings(outputShaper, verbosityLevel, routing, mechanicalEffort, outputHoldout);
    }

    /** A problem with the values, to report as a usage error. */
    Optional<String> conflict() {
        if (verbosityLevel < 1 || verbosityLevel > 4) {
            return Optional.of("--verbosity-level must be 1 to 4, got " + verbosityLevel);
        }
        if (!(outputHoldout >= 0 && outputHoldout <= 1)) {
            return Optional.of("--output-holdout must be a fraction from 0 to 1, got " + outputHoldout);
        }
        try {
            settings();
        } catch (IllegalArgumentException e) {
            return Optional.of("--mechanical-effort: " + e.getMessage());
        }
        return Optional.empty();
    }
}
