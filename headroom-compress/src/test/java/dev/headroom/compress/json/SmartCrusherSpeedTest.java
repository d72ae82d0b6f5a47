package dev.headroom.compress.json;

import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.TestContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards against quadratic work: a 10,000-item array must take about as long per item as a 1,000-item one.
 * The absolute targets (10,000 items under 100 ms) are measured by the benchmark, not here; these bounds are
 * loose enough for a shared machine yet fail on anything quadratic.
 */
class SmartCrusherSpeedTest {

    private static long bestMillis(String text, int runs) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            CompressorResult result = new SmartCrusher().compress(ContentUnit.of(text, ContentType.JSON),
                    TestContext.standard().withQuery("which service failed"));
            best = Math.min(best, (System.nanoTime() - started) / 1_000_000);
            assertThat(result.isDeclined()).isFalse();
        }
        return best;
    }

    @Test
    void crushesTenThousandItemsInLinearTime() {
        String small = JsonFixtures.services(1_000, 1, (i, item) -> { });
        String large = JsonFixtures.services(10_000, 1, (i, item) -> { });
        bestMillis(large, 3); // warm up
        long smallMillis = bestMillis(small, 5);
        long largeMillis = bestMillis(large, 5);
        System.out.printf("SmartCrusher: 1,000 items %d ms, 10,000 items %d ms (%d KB)%n",
                smallMillis, largeMillis, large.length() / 1024);

        assertThat(largeMillis).isLessThan(1_000);
        assertThat(largeMillis).isLessThan(Math.max(40, smallMillis * 25));
    }

    @Test
    void crushesTenThousandJsonLinesInLinearTime() {
        String lines = JsonFixtures.pinoLines(10_000, (i, line) -> { });
        bestMillis(lines, 2);
        long millis = bestMillis(lines, 3);
        System.out.printf("SmartCrusher: 10,000 JSON lines %d ms (%d KB)%n", millis, lines.length() / 1024);

        assertThat(millis).isLessThan(1_000);
    }
}
