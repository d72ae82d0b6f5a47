package dev.headroom.compress.xml;

import dev.headroom.retention.Marker;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.CompressorContract;
import dev.headroom.testkit.Corpus;
import dev.headroom.testkit.TestContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class JUnitReportCompressorTest extends CompressorContract {

    @Override
    protected Compressor newCompressor() {
        return new JUnitReportCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        return List.of(ContentUnit.of(Corpus.read("build/junit-report.xml"), ContentType.XML),
                ContentUnit.of(report(new SplittableRandom(3), 40, 200), ContentType.XML));
    }

    @Override
    protected List<ContentUnit> unhandledSamples() {
        List<ContentUnit> units = new ArrayList<>(super.unhandledSamples());
        units.add(ContentUnit.of("<?xml version=\"1.0\"?>\n<project><modelVersion>4.0.0</modelVersion></project>", ContentType.XML));
        units.add(ContentUnit.of("<testsuite name=\"broken\"><testcase name=\"a\">", ContentType.XML));
        units.add(ContentUnit.of("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><testsuite name=\"&e;\"/>", ContentType.XML));
        return units;
    }

    /** A testsuites report with {@code suites} suites of passing cases and one failing case at a seeded place. */
    static String report(SplittableRandom random, int suites, int casesPerSuite) {
        int failingSuite = random.nextInt(suites);
        int failingCase = random.nextInt(casesPerSuite);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
        for (int s = 0; s < suites; s++) {
            boolean failing = s == failingSuite;
            xml.append("  <testsuite name=\"com.example.Suite").append(s).append("Test\" tests=\"").append(casesPerSuite)
                    .append("\" failures=\"").append(failing ? 1 : 0).append("\" errors=\"0\" skipped=\"0\" time=\"1.25\">\n");
            xml.append("    <properties><property name=\"java.version\" value=\"17.0.9\"/></properties>\n");
            for (int c = 0; c < casesPerSuite; c++) {
                xml.append("    <testcase name=\"case").append(c).append("\" classname=\"com.example.Suite").append(s)
                        .append("Test\" time=\"0.00").append(random.nextInt(10)).append('"');
                if (failing && c == failingCase) {
                    xml.append(">\n      <failure message=\"expected: &lt;118.80&gt; but was: &lt;132.00&gt;\" type=\"org.opentest4j.AssertionFailedError\">"
                            + "org.opentest4j.AssertionFailedError: expected: &lt;118.80&gt; but was: &lt;132.00&gt;\n"
                            + "\tat org.junit.jupiter.api.AssertEquals.failNotEqual(AssertEquals.java:197)\n"
                            + "\tat com.example.Suite" + s + "Test.case" + c + "(Suite" + s + "Test.java:48)\n"
                            + "</failure>\n      <system-out><![CDATA[total=132.00 discount=0.10]]></system-out>\n    </testcase>\n");
                } else {
                    xml.append("/>\n");
                }
            }
            xml.append("  </testsuite>\n");
        }
        return xml.append("</testsuites>\n").toString();
    }

    private static String compress(String xml, TestContext context) {
        CompressorResult result = new JUnitReportCompressor().compress(ContentUnit.of(xml, ContentType.XML), context);
        assertThat(result.isDeclined()).as("declined: %s", result.declineReason()).isFalse();
        return result.text();
    }

    @Property(tries = 15, seed = "20261129")
    void keepsTheOneFailureAmongThousandsOfPassingCases(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        String xml = report(new SplittableRandom(seed), 30, 100);

        String out = compress(xml, TestContext.standard());

        assertThat(out).contains("[JUnit report: 30 suites, 3,000 testcases: 2,999 passed, 1 failed, 0 in error, 0 skipped]",
                "org.opentest4j.AssertionFailedError: expected: <118.80> but was: <132.00>", "Test.java:48)",
                "system-out (1 line):", "total=132.00 discount=0.10", "29 suites without failures (2,900 testcases)");
        assertThat(out).containsPattern("FAILED case\\d+ \\(com\\.example\\.Suite\\d+Test\\) time=0\\.00\\d");
        assertThat(out.length()).isLessThan(xml.length() / 20);
    }

    @Test
    void keepsTheErrorAndTheCausesOfItsCapturedOutput() {
        String xml = Corpus.read("build/junit-report.xml");
        TestContext context = TestContext.standard();

        String out = compress(xml, context);

        assertThat(out).contains("suite eu.pinteam.kyoto.gunit.testenv.test.CalculationUtilTest tests=3 failures=0 errors=1 skipped=0 time=27.662",
                "ERROR runCalculationScriptTest (eu.pinteam.kyoto.gunit.testenv.test.CalculationUtilTest) time=0.57",
                "java.lang.IllegalStateException: The container NewcontTest0 does not allow a parameter of type f1",
                "at eu.pinteam.kyoto.gunit.testenv.test.CalculationUtilTest.runCalculationScriptTest(CalculationUtilTest.java:188)",
                "Caused by: org.jacoco.agent.rt.internal_43f5073.asm.MethodTooLargeException: Method too large");
        assertThat(out).doesNotContain("java.specification.version");
        assertThat(context.store().get(Marker.hashesIn(out).get(0))).contains(xml);
    }

    @Test
    void listsPassingCasesOnlyWhenTheQueryNamesThem() {
        String xml = report(new SplittableRandom(9), 3, 50);

        String out = compress(xml, TestContext.standard().withQuery("did case17 of Suite1 pass?"));

        assertThat(out).contains("passed (matching the question): ").contains("case17");
    }

    @Test
    void declinesInLosslessMode() {
        CompressorResult result = new JUnitReportCompressor().compress(
                ContentUnit.of(Corpus.read("build/junit-report.xml"), ContentType.XML), TestContext.standard().withLossless(true));

        assertThat(result.isDeclined()).isTrue();
    }
}
