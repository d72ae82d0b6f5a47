package dev.headroom.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The proxy's switches as picocli reads them, and how {@code headroom proxy --help} documents them. */
class ProxySwitchesTest {

    private static ProxyCommand parse(String... args) {
        ProxyCommand command = new ProxyCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void helpListsEverySwitchWithItsEnvironmentVariable() {
        CompressCommandTest.Run run = CompressCommandTest.run(null, "proxy", "--help");
        String help = run.out().replaceAll("\\s+", " ");
        assertThat(run.exit()).isZero();
        assertThat(help).contains("--protect-tool-results[=NAMES]").contains("HEADROOM_PROTECT_TOOL_RESULTS")
                .contains("--[no-]code-aware").contains("HEADROOM_CODE_AWARE_ENABLED")
                .contains("--no-read-lifecycle").contains("HEADROOM_NO_READ_LIFECYCLE")
                .contains("--intercept-tool-results").contains("HEADROOM_INTERCEPT_TOOL_RESULTS")
                .contains("--workers, --threads=N").contains("HEADROOM_WORKERS")
                .contains("--[no-]telemetry").contains("HEADROOM_TELEMETRY")
                .contains("nothing is ever sent anywhere");
    }

    @Test
    void protectToolResultsTakesCommaSeparatedNames() {
        assertThat(parse("--protect-tool-results", "Bash, WebFetch,,Bash").switches.protectedTools())
                .containsExactly("Bash", "WebFetch");
        assertThat(parse("--protect-tool-results=Read").switches.protectedTools()).containsExactly("Read");
    }

    @Test
    void protectToolResultsAloneOrWithStarOrAllProtectsEveryTool() {
        assertThat(parse("--protect-tool-results").switches.protectedTools()).containsExactly("*");
        assertThat(parse("--protect-tool-results", "--lossless").switches.protectedTools()).containsExactly("*");
        assertThat(parse("--protect-tool-results", "*").switches.protectedTools()).containsExactly("*");
        assertThat(CompressionSwitches.parseTools("Bash,ALL")).containsExactly("*");
        assertThat(CompressionSwitches.parseTools("true")).containsExactly("*");
    }

    @Test
    void noProtectedToolsByDefaultOrWithTheOldFalse() {
        assertThat(parse().switches.protectedTools()).isEmpty();
        assertThat(CompressionSwitches.parseTools("false")).isEmpty();
        assertThat(CompressionSwitches.parseTools(" ")).isEmpty();
    }

    @Test
    void codeAwareIsOnByDefaultAndNegatable() {
        assertThat(parse().switches.codeAware).isTrue();
        assertThat(parse("--no-code-aware").switches.codeAware).isFalse();
        assertThat(parse("--code-aware").switches.codeAware).isTrue();
    }

    @Test
    void interceptorAndReadLifecycleSwitches() {
        CompressionSwitches defaults = parse().switches;
        assertThat(defaults.interceptToolResults).isFalse();
        assertThat(defaults.noReadLifecycle).isFalse();
        CompressionSwitches set = parse("--intercept-tool-results", "--no-read-lifecycle").switches;
        assertThat(set.interceptToolResults).isTrue();
        assertThat(set.noReadLifecycle).isTrue();
        assertThat(set.describe()).contains("read lifecycle: off").contains("Read interceptor: on");
    }

    @Test
    void interceptingWithoutCodeAwareIsAUsageError() {
        CompressCommandTest.Run run = CompressCommandTest.run(null, "proxy", "--port", "0", "--stateless",
                "--intercept-tool-results", "--no-code-aware");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--intercept-tool-results").contains("--no-code-aware");
    }

    @Test
    void environmentSpellingsOfBooleans() {
        CompressionSwitches.Switch convert = new CompressionSwitches.Switch();
        for (String yes : List.of("true", "1", "yes", "ON")) {
            assertThat(convert.convert(yes)).as(yes).isTrue();
        }
        for (String no : List.of("false", "0", "no", "off", "")) {
            assertThat(convert.convert(no)).as(no).isFalse();
        }
        assertThatThrownBy(() -> convert.convert("maybe")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void workersAndTelemetryParse() {
        assertThat(parse().workers).isZero();
        assertThat(parse("--workers", "8").workers).isEqualTo(8);
        assertThat(parse("--threads", "3").workers).isEqualTo(3);
        assertThat(parse().telemetry).isFalse();
        assertThat(parse("--telemetry").telemetry).isTrue();
        assertThat(parse("--no-telemetry").telemetry).isFalse();
    }

    @Test
    void negativeWorkersAreAUsageError() {
        CompressCommandTest.Run run = CompressCommandTest.run(null, "proxy", "--port", "0", "--stateless", "--workers", "-1");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--workers");
    }

    @Test
    void outputShaperIsOffByDefaultAndEffortRoutingFollowsIt() {
        dev.headroom.shaper.OutputShaperSettings off = parse().shaper.settings();
        dev.headroom.shaper.OutputShaperSettings on = parse("--output-shaper").shaper.settings();

        assertThat(off.enabled()).isFalse();
        assertThat(on.verbosity()).isTrue();
        assertThat(on.verbosityLevel()).isEqualTo(2);
        assertThat(on.effortRouting()).isTrue();
        assertThat(on.mechanicalEffort()).isEqualTo("low");
        assertThat(parse("--output-shaper", "--no-effort-router").shaper.settings().effortRouting()).isFalse();
        assertThat(parse("--effort-router").shaper.settings().verbosity()).as("effort routing alone").isFalse();
        assertThat(parse("--effort-router").shaper.settings().effortRouting()).isTrue();
    }

    @Test
    void outputShaperRejectsALevelOrEffortItDoesNotKnow() {
        assertThat(parse("--output-shaper", "--verbosity-level", "5").shaper.conflict()).hasValueSatisfying(
                m -> assertThat(m).contains("--verbosity-level must be 1 to 4"));
        assertThat(parse("--mechanical-effort", "tiny").shaper.conflict()).hasValueSatisfying(
                m -> assertThat(m).contains("--mechanical-effort"));
        assertThat(parse("--output-shaper", "--verbosity-level", "3", "--mechanical-effort", "minimal").shaper.conflict()).isEmpty();
    }

    @Test
    void outputHoldoutIsATenthByDefaultAndMustBeAFraction() {
        assertThat(parse("--output-shaper").shaper.settings().holdout()).isEqualTo(0.1);
        assertThat(parse("--output-shaper", "--output-holdout", "0.25").shaper.settings().holdout()).isEqualTo(0.25);
        assertThat(parse("--output-shaper", "--output-holdout", "0").shaper.settings().holdout()).isZero();
        assertThat(parse("--output-shaper", "--output-holdout", "1.5").shaper.conflict()).hasValueSatisfying(
                m -> assertThat(m).contains("--output-holdout must be a fraction from 0 to 1"));
        assertThat(parse("--output-shaper", "--output-holdout", "0.2").shaper.settings().describe())
                .endsWith("; holdout: 20.0% of conversations unshaped");
    }

    @Test
    void helpDocumentsTheOutputShaperOptions() {
        CompressCommandTest.Run run = CompressCommandTest.run(null, "proxy", "--help");
        String help = run.out().replaceAll("\\s+", " ");
        assertThat(help).contains("--[no-]output-shaper").contains("HEADROOM_OUTPUT_SHAPER")
                .contains("--verbosity-level=1-4").contains("HEADROOM_VERBOSITY_LEVEL")
                .contains("--[no-]effort-router").contains("HEADROOM_EFFORT_ROUTER")
                .contains("--mechanical-effort=EFFORT").contains("HEADROOM_MECHANICAL_EFFORT")
                .contains("--output-holdout=FRACTION").contains("HEADROOM_OUTPUT_HOLDOUT");
    }
}
