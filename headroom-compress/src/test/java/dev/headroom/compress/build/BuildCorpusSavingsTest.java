package dev.headroom.compress.build;

import dev.headroom.compress.log.CorpusSavings;
import dev.headroom.compress.xml.JUnitReportCompressor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Savings on the real build corpus (cl100k tokens, whole file as one tool output); floors a bit under what is achieved. */
class BuildCorpusSavingsTest {

    @ParameterizedTest
    @CsvSource({
        "build/cargo-clippy.txt, 0.75",
        "build/cmake-ninja-cpp-warnings.log, 0.95",
        "build/maven-error-prone.log, 0.77",
        "build/maven-htmlunit-test-run.log, 0.98",
        "build/msbuild-solution.log, 0.88"})
    void savesMostTokensOfEachCorpusBuildLog(String file, double floor) {
        CorpusSavings.assertSaves(file, new BuildOutputCompressor(), floor);
    }

    @Test
    void savesMostTokensOfTheJUnitReport() {
        CorpusSavings.assertSaves("build/junit-report.xml", new JUnitReportCompressor(), 0.95);
    }
}
