package dev.headroom.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JvmDefaultsTest {
    private static final String[] PROXY = {"proxy", "--port", "0"};

    @Test
    void proxyStartedWithoutHeapOrCollectorFlagsGetsTheDefaults() {
        assertThat(JvmDefaults.childFlags(PROXY, List.of("-Dfile.encoding=UTF-8"), Map.of(), null))
                .contains(JvmDefaults.DEFAULTS);
        assertThat(JvmDefaults.DEFAULTS).contains("-Xmx768m", "-XX:+UseSerialGC");
    }

    @Test
    void heapOrCollectorFlagOnTheCommandLineOrInTheJavaOptionsVariablesIsUsedAsGiven() {
        for (String flag : List.of("-Xmx2g", "-Xms1g", "-XX:MaxRAMPercentage=25", "-XX:+UseG1GC", "-XX:+UseZGC",
                "-XX:MaxHeapSize=1073741824")) {
            assertThat(JvmDefaults.childFlags(PROXY, List.of(flag), Map.of(), null)).as(flag).isEmpty();
        }
        assertThat(JvmDefaults.childFlags(PROXY, List.of(), Map.of("JDK_JAVA_OPTIONS", "-Xmx1g"), null)).isEmpty();
        assertThat(JvmDefaults.childFlags(PROXY, List.of(), Map.of("JAVA_TOOL_OPTIONS", "-Dx=1 -XX:+UseParallelGC"), null))
                .isEmpty();
    }

    @Test
    void headroomJavaOptsReplacesTheDefaultsAndOffTurnsThemOff() {
        assertThat(JvmDefaults.childFlags(PROXY, List.of(), Map.of("HEADROOM_JAVA_OPTS", " -Xmx2g  -XX:+UseG1GC "), null))
                .contains(List.of("-Xmx2g", "-XX:+UseG1GC"));
        assertThat(JvmDefaults.childFlags(PROXY, List.of(), Map.of("HEADROOM_JAVA_OPTS", "off"), null)).isEmpty();
    }

    @Test
    void otherCommandsHelpAndTheChildItselfRunInTheStartingJvm() {
        assertThat(JvmDefaults.childFlags(new String[] {"compress", "x.json"}, List.of(), Map.of(), null)).isEmpty();
        assertThat(JvmDefaults.childFlags(new String[] {}, List.of(), Map.of(), null)).isEmpty();
        assertThat(JvmDefaults.childFlags(new String[] {"proxy", "--help"}, List.of(), Map.of(), null)).isEmpty();
        assertThat(JvmDefaults.childFlags(PROXY, List.of(), Map.of(), "true")).isEmpty();
    }

    @Test
    void childsExitCodeIsPassedOn() throws Exception {
        Optional<Integer> code = JvmDefaults.runChild(new String[] {"proxy", "--no-such-option"}, JvmDefaults.DEFAULTS);

        assertThat(code).contains(2);
    }
}
