package dev.headroom.compress.columns;

import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.CompressorContract;
import dev.headroom.testkit.TestContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class AlignedTableCompressorTest extends CompressorContract {

    /** kubectl get pods -A -o wide with one crashing pod at {@code crashAt}. */
    static String pods(int n, int crashAt) {
        StringBuilder sb = new StringBuilder("Params used for the tool call: {\"kind\": \"pod\"}.\n");
        sb.append(String.format("%-13s %-40s %-7s %-18s %-12s %-6s %s%n", "NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "NODE"));
        for (int i = 0; i < n; i++) {
            boolean crash = i == crashAt;
            sb.append(String.format("%-13s %-40s %-7s %-18s %-12s %-6s %s%n", i % 3 == 0 ? "default" : "sock-shop",
                    "svc-" + i + "-7d9f8c6b5-x2kq", crash ? "0/1" : "1/1", crash ? "CrashLoopBackOff" : "Running",
                    crash ? "17 (2m ago)" : "0", "4d", "ip-172-31-47-239.us-east-2.compute.internal"));
        }
        return sb.toString();
    }

    @Override
    protected Compressor newCompressor() {
        return new AlignedTableCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        return List.of(ContentUnit.of(pods(120, 57), ContentType.TEXT), ContentUnit.of(pods(5, 2), ContentType.PROSE),
                ContentUnit.of("just some words here", ContentType.PROSE));
    }

    @Test
    void keepsTheCrashingPodAmongHundredsAtAnyPosition() {
        SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 10; trial++) {
            int crashAt = random.nextInt(1, 199);
            String table = pods(200, crashAt);
            TestContext context = TestContext.standard();
            CompressorResult result = new AlignedTableCompressor().compress(ContentUnit.of(table, ContentType.TEXT), context);
            assertThat(result.transform()).isEqualTo("aligned-table:rows");
            assertThat(result.text()).contains("svc-" + crashAt + "-7d9f8c6b5-x2kq\t0/1\tCrashLoopBackOff\t17 (2m ago)")
                    .contains("omitted").contains("Params used for the tool call");
            assertThat(result.text()).as("every omitted pod still named").contains("svc-" + (crashAt + 1) + "-7d9f8c6b5-x2kq");
            assertThat(context.tokens().count(result.text())).isLessThan(context.tokens().count(table) * 2 / 5);
        }
    }

    @Test
    void losslessModeKeepsEveryCellAndFactorsConstantColumns() {
        String table = pods(40, 10);
        CompressorResult result = new AlignedTableCompressor().compress(ContentUnit.of(table, ContentType.TEXT),
                TestContext.standard().withLossless(true));
        assertThat(result.transform()).isEqualTo("aligned-table:tabs");
        assertThat(result.text()).contains("(same in every row: AGE=4d, NODE=ip-172-31-47-239.us-east-2.compute.internal)");
        for (int i = 0; i < 40; i++) {
            assertThat(result.text()).contains("svc-" + i + "-7d9f8c6b5-x2kq\t");
        }
    }

    @Test
    void keepsRowsTheQueryNames() {
        String table = pods(60, 3);
        CompressorResult result = new AlignedTableCompressor().compress(ContentUnit.of(table, ContentType.TEXT),
                TestContext.standard().withQuery("what is svc-44-7d9f8c6b5-x2kq doing?"));
        assertThat(result.text()).contains("svc-44-7d9f8c6b5-x2kq");
    }

    @Test
    void declinesProseAndRaggedText() {
        assertThat(new AlignedTableCompressor().compress(ContentUnit.of("NAME  AGE\nthis is not\na table at all\n", ContentType.TEXT),
                TestContext.standard()).isDeclined()).isTrue();
    }
}
