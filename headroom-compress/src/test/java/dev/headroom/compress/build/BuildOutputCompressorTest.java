package dev.headroom.compress.build;

import dev.headroom.compress.log.FaithfulLines;
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

class BuildOutputCompressorTest extends CompressorContract {
    private static final List<String> CORPUS = List.of("build/cargo-clippy.txt", "build/cmake-ninja-cpp-warnings.log",
            "build/maven-error-prone.log", "build/maven-htmlunit-test-run.log", "build/msbuild-solution.log");

    @Override
    protected Compressor newCompressor() {
        return new BuildOutputCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        List<ContentUnit> units = new ArrayList<>();
        for (String file : CORPUS) {
            units.add(ContentUnit.of(Corpus.read(file), ContentType.BUILD_OUTPUT));
        }
        units.add(ContentUnit.of(SurefireOutput.generate(new SplittableRandom(1), 120), ContentType.BUILD_OUTPUT));
        return units;
    }

    private static String compress(String text) {
        CompressorResult result = new BuildOutputCompressor().compress(ContentUnit.of(text, ContentType.BUILD_OUTPUT),
                TestContext.standard());
        assertThat(result.isDeclined()).as("declined: %s", result.declineReason()).isFalse();
        return result.text();
    }

    @Property(tries = 20, seed = "20261128")
    void keepsTheOneFailingTestAmongHundredsOfPassingOnes(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        String text = SurefireOutput.generate(new SplittableRandom(seed), 300);

        String out = compress(text);

        assertThat(out).contains(SurefireOutput.FAILING_TEST, SurefireOutput.ASSERTION,
                "InvoiceCalculatorTest." + SurefireOutput.FAILING_TEST + ":48 expected: <118.80> but was: <132.00>",
                "(InvoiceCalculatorTest.java:48)", "[INFO] BUILD FAILURE", "Failures: 1, Errors: 0, Skipped: 0");
        assertThat(out).doesNotContain("Downloading from central", "maven-resources-plugin");
        assertThat(out.length()).isLessThan(text.length() / 5);
        FaithfulLines.assertFaithful(text, out);
    }

    @Test
    void groupsWarningsByMessageAndListsTheirOtherLocations() {
        String out = compress(Corpus.read("build/maven-error-prone.log"));

        assertThat(out).contains("[×35] [WARNING] /Users/hafner/git/hochschule/karalight-assignment/src/main/java/Assignment04.java:[1]"
                + " [DefaultPackage] Java classes shouldn't use default package");
        assertThat(out).contains("[also at: /Users/hafner/git/hochschule/karalight-assignment/src/{main/java/{Assignment12.java:[1], ");
        assertThat(out).contains("Unused imports: de.i8k.karalight.world.World",
                "Unused imports: de.i8k.karalight.Kara, de.i8k.karalight.test.TestKaraController");
    }

    @Test
    void keepsCompilerErrorsWithTheirExcerptAndTheBuildSummary() {
        String clippy = compress(Corpus.read("build/cargo-clippy.txt"));
        assertThat(clippy).contains(" error: using `clone` on a double-reference",
                "   --> src/fs.rs:11:31", " 11 |   return parts.last().map(|v| v.clone().to_string()).unwrap();");

        String msbuild = compress(Corpus.read("build/msbuild-solution.log"));
        assertThat(msbuild).contains("error MSB3021: Unable to copy file \"C:\\Dev\\knd\\XXX.Utilities\\bin\\Debug\\XXX.Utilities.dll\"",
                "Build FAILED.", "46 Warning(s)", "11 Error(s)", "warning CS1717: Assignment made to same variable");
        assertThat(msbuild).doesNotContain("Csc.exe", "Copying file from");
    }

    /** {@code n} lines made from {@code template} with {@code %d} replaced by the line number. */
    private static String bulk(String template, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(template.replace("%d", Integer.toString(i))).append('\n');
        }
        return sb.toString();
    }

    @Test
    void keepsTheFailuresOfPytestJestCargoTestNpmAndGradle() {
        String pytest = bulk("tests/test_module%d.py ........................................ [ 50%]", 60) + String.join("\n",
                "============================= test session starts ==============================",
                "collected 212 items", "",
                "tests/test_api.py ........................................................ [ 40%]",
                "tests/test_billing.py ....F................................................ [ 80%]",
                "tests/test_users.py .......................................... [100%]", "",
                "=================================== FAILURES ===================================",
                "___________________________ test_invoice_total ___________________________", "",
                "    def test_invoice_total():",
                ">       assert total(items) == 118.8",
                "E       assert 132.0 == 118.8",
                "E        +  where 132.0 = total([...])", "",
                "tests/test_billing.py:48: AssertionError",
                "=========================== short test summary info ============================",
                "FAILED tests/test_billing.py::test_invoice_total - assert 132.0 == 118.8",
                "======================== 1 failed, 211 passed in 3.21s =========================") + "\n";
        assertThat(compress(pytest)).contains("test_invoice_total", "E       assert 132.0 == 118.8",
                "tests/test_billing.py:48: AssertionError",
                "FAILED tests/test_billing.py::test_invoice_total - assert 132.0 == 118.8", "1 failed, 211 passed");

        String cargo = bulk("   Compiling dep%d v0.%d.0", 40) + bulk("test tests::case%d ... ok", 60) + String.join("\n",
                "   Compiling billing v0.3.1 (/work/billing)",
                "    Finished test [unoptimized + debuginfo] target(s) in 4.12s",
                "     Running unittests src/lib.rs (target/debug/deps/billing-1f2e3d)",
                "running 3 tests",
                "test tests::adds ... ok",
                "test tests::rounds ... ok",
                "test tests::discounts ... FAILED", "",
                "failures:", "",
                "---- tests::discounts stdout ----",
                "thread 'tests::discounts' panicked at src/lib.rs:42:9:",
                "assertion `left == right` failed",
                "  left: 132",
                " right: 118", "",
                "test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s") + "\n";
        assertThat(compress(cargo)).contains("test tests::discounts ... FAILED", "panicked at src/lib.rs:42:9:",
                "test result: FAILED. 2 passed; 1 failed").doesNotContain("test tests::adds ... ok");

        String jest = bulk("PASS src/module%d.test.js", 60) + String.join("\n",
                "PASS src/cart.test.js",
                "FAIL src/invoice.test.js",
                "  ● invoice › applies discount", "",
                "    expect(received).toBe(expected) // Object.is equality", "",
                "    Expected: 118.8",
                "    Received: 132", "",
                "      at Object.<anonymous> (src/invoice.test.js:12:27)", "",
                "Test Suites: 1 failed, 1 passed, 2 total",
                "Tests:       1 failed, 14 passed, 15 total") + "\n";
        assertThat(compress(jest)).contains("● invoice › applies discount", "Expected: 118.8", "Received: 132",
                "at Object.<anonymous> (src/invoice.test.js:12:27)",
                "Tests:       1 failed, 14 passed, 15 total");

        StringBuilder fetches = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            fetches.append("npm http fetch GET 200 https://registry.npmjs.org/pkg-").append(i).append(" ").append(i * 7).append("ms (cache hit)\n");
        }
        String npm = fetches + String.join("\n",
                "npm WARN deprecated inflight@1.0.6: This module is not supported",
                "npm ERR! code ERESOLVE",
                "npm ERR! ERESOLVE unable to resolve dependency tree",
                "npm ERR! Found: react@18.2.0",
                "npm ERR! A complete log of this run can be found in: /root/.npm/_logs/debug-0.log") + "\n";
        assertThat(compress(npm)).contains("npm ERR! code ERESOLVE", "npm ERR! Found: react@18.2.0",
                "npm WARN deprecated inflight@1.0.6").doesNotContain("pkg-30 ");

        String gradle = bulk("> Task :module%d:compileJava UP-TO-DATE", 60) + String.join("\n",
                "> Task :compileJava UP-TO-DATE",
                "> Task :processResources NO-SOURCE",
                "> Task :test FAILED", "",
                "InvoiceTest > appliesDiscount() FAILED",
                "    org.opentest4j.AssertionFailedError at InvoiceTest.java:48", "",
                "FAILURE: Build failed with an exception.", "",
                "BUILD FAILED in 7s",
                "4 actionable tasks: 1 executed, 3 up-to-date") + "\n";
        assertThat(compress(gradle)).contains("InvoiceTest > appliesDiscount() FAILED",
                "org.opentest4j.AssertionFailedError at InvoiceTest.java:48", "BUILD FAILED in 7s")
                .doesNotContain("> Task :compileJava UP-TO-DATE");
    }

    @Test
    void keepsTimestampsAndValuesOfEveryShownLineExact() {
        for (ContentUnit unit : samples()) {
            CompressorResult result = newCompressor().compress(unit, TestContext.standard());
            if (!result.isDeclined()) {
                FaithfulLines.assertFaithful(unit.text(), result.text());
            }
        }
    }

    @Test
    void eachGccDiagnosticKeepsTheIncluderOfItsOwnChain() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("[").append(i + 1).append("/90] Building CXX object src/CMakeFiles/app.dir/unit").append(i).append(".cpp.o\n");
        }
        text.append("In file included from src/widget.h:3:0,\n")
                .append("                 from src/beta.cpp:9:\n")
                .append("src/widget.h:12:5: warning: unused variable 'w' [-Wunused-variable]\n")
                .append("     int w;\n")
                .append("         ^\n")
                .append("In file included from src/engine.h:7:0,\n")
                .append("                 from src/alpha.cpp:5:\n")
                .append("src/engine.h:40:1: error: 'Engine' does not name a type\n")
                .append(" Engine make();\n")
                .append(" ^~~~~~\n");
        for (int i = 40; i < 80; i++) {
            text.append("[").append(i + 1).append("/90] Building CXX object src/CMakeFiles/app.dir/unit").append(i).append(".cpp.o\n");
        }
        text.append("ninja: build stopped: subcommand failed.\n");

        String out = compress(text.toString());

        assertThat(out).contains("from src/alpha.cpp:5:", "src/engine.h:40:1: error: 'Engine' does not name a type",
                "from src/beta.cpp:9:");
        assertThat(out.indexOf("from src/alpha.cpp:5:")).isLessThan(out.indexOf("error: 'Engine'"));
    }
}
