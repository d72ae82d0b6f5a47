package dev.headroom.compress.build;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A realistic Maven surefire run with many passing test classes and one failing test, from a seed. */
final class SurefireOutput {
    static final String FAILING_TEST = "computesInvoiceTotalWithDiscount";
    static final String ASSERTION = "org.opentest4j.AssertionFailedError: expected: <118.80> but was: <132.00>";

    private SurefireOutput() {
    }

    static String generate(SplittableRandom random, int classes) {
        List<String> lines = new ArrayList<>(List.of(
                "[INFO] Scanning for projects...",
                "[INFO] ",
                "[INFO] -------------------------< com.example:billing >-------------------------",
                "[INFO] Building billing 1.4.0-SNAPSHOT",
                "[INFO] --------------------------------[ jar ]---------------------------------",
                "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/junit/junit-bom/5.10.0/junit-bom-5.10.0.pom",
                "[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/org/junit/junit-bom/5.10.0/junit-bom-5.10.0.pom (5.6 kB at 120 kB/s)",
                "[INFO] --- maven-resources-plugin:3.3.1:resources (default-resources) @ billing ---",
                "[INFO] Copying 3 resources",
                "[INFO] --- maven-compiler-plugin:3.11.0:compile (default-compile) @ billing ---",
                "[INFO] Nothing to compile - all classes are up to date",
                "[INFO] --- maven-surefire-plugin:3.1.2:test (default-test) @ billing ---",
                "[INFO] ",
                "[INFO] -------------------------------------------------------",
                "[INFO]  T E S T S",
                "[INFO] -------------------------------------------------------"));
        int failingClass = random.nextInt(classes);
        int total = 0;
        for (int c = 0; c < classes; c++) {
            String name = "com.example.billing." + (c == failingClass ? "InvoiceCalculator" : "Module" + c) + "Test";
            int tests = random.nextInt(3, 12);
            total += tests;
            String time = random.nextInt(0, 3) + "." + String.format("%03d", random.nextInt(1000));
            lines.add("[INFO] Running " + name);
            if (c != failingClass) {
                lines.add("[INFO] Tests run: " + tests + ", Failures: 0, Errors: 0, Skipped: 0, Time elapsed: " + time + " s - in " + name);
                continue;
            }
            lines.add("[ERROR] Tests run: " + tests + ", Failures: 1, Errors: 0, Skipped: 0, Time elapsed: " + time
                    + " s <<< FAILURE! - in " + name);
            lines.add("[ERROR] " + name + "." + FAILING_TEST + "  Time elapsed: 0.012 s  <<< FAILURE!");
            lines.add(ASSERTION);
            lines.add("\tat org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)");
            lines.add("\tat org.junit.jupiter.api.AssertionFailureBuilder.buildAndThrow(AssertionFailureBuilder.java:132)");
            lines.add("\tat org.junit.jupiter.api.AssertEquals.failNotEqual(AssertEquals.java:197)");
            lines.add("\tat org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:182)");
            lines.add("\tat org.junit.jupiter.api.Assertions.assertEquals(Assertions.java:1156)");
            lines.add("\tat " + name + "." + FAILING_TEST + "(InvoiceCalculatorTest.java:48)");
            for (int f = 0; f < 20; f++) {
                lines.add("\tat org.junit.platform.engine.support.hierarchical.NodeTestTask.executeRecursively(NodeTestTask.java:" + (100 + f) + ")");
            }
            lines.add("");
        }
        lines.addAll(List.of(
                "[INFO] ",
                "[INFO] Results:",
                "[INFO] ",
                "[ERROR] Failures: ",
                "[ERROR]   InvoiceCalculatorTest." + FAILING_TEST + ":48 expected: <118.80> but was: <132.00>",
                "[INFO] ",
                "[ERROR] Tests run: " + total + ", Failures: 1, Errors: 0, Skipped: 0",
                "[INFO] ",
                "[INFO] ------------------------------------------------------------------------",
                "[INFO] BUILD FAILURE",
                "[INFO] ------------------------------------------------------------------------",
                "[INFO] Total time:  41.327 s",
                "[INFO] Finished at: 2025-03-01T10:15:22Z",
                "[INFO] ------------------------------------------------------------------------",
                "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.1.2:test (default-test) on project billing: There are test failures."));
        return String.join("\n", lines) + "\n";
    }
}
