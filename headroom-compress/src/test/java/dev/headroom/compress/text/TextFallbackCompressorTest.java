package dev.headroom.compress.text;

import dev.headroom.retention.Marker;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.CompressorContract;
import dev.headroom.testkit.TestContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TextFallbackCompressorTest extends CompressorContract {

    @Override
    protected Compressor newCompressor() {
        return new TextFallbackCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        return List.of(
                ContentUnit.of(repeatedProgressOutput(), ContentType.TEXT),
                ContentUnit.of(textWithFencedJson(), ContentType.TEXT),
                ContentUnit.of(textWithLogSection(new SplittableRandom(5)), ContentType.TEXT));
    }

    @Override
    protected List<ContentUnit> unhandledSamples() {
        List<ContentUnit> units = new ArrayList<>(super.unhandledSamples());
        units.add(ContentUnit.of("nothing to normalise here\nat all", ContentType.TEXT));
        return units;
    }

    private static CompressorResult compress(String text, TestContext context) {
        return new TextFallbackCompressor().compress(ContentUnit.of(text, ContentType.TEXT), context);
    }

    @Test
    void collapsesRunsOfIdenticalLinesWithACount() {
        CompressorResult result = compress(repeatedProgressOutput(), TestContext.standard());
        assertThat(result.text()).isEqualTo("Downloading dependencies\nwaiting for lock on /var/cache/pkg [×40]\n"
                + "lock acquired after 40 tries\n-\n-\ndone");
        assertThat(result.transform()).isEqualTo("text:lossless");
    }

    @Test
    void stripsTrailingWhitespaceAndBlankLineRuns() {
        CompressorResult result = compress("first line   \n\n\n\n\nsecond line\t\n\n", TestContext.standard());
        assertThat(result.text()).isEqualTo("first line\n\nsecond line");
    }

    @Test
    void routesAFencedJsonBlockAndPutsItBackInPlace() {
        TestContext context = TestContext.standard().withPartCompressor(part -> "[crushed " + part.length() + "]");
        String out = compress(textWithFencedJson(), context).text();
        assertThat(out).startsWith("The API answered:\n```json\n[crushed ").endsWith("]\n```\nEnd of response.");
        assertThat(compress(textWithFencedJson(), context).transform()).isEqualTo("text:mixed");
    }

    @Test
    void routesARunOfLogLinesWhereverItIs() {
        for (long seed = 1; seed <= 10; seed++) {
            String text = textWithLogSection(new SplittableRandom(seed));
            TestContext context = TestContext.standard()
                    .withPartCompressor(part -> part.contains("ERROR") ? "[log part with ERROR kept]" : part);
            String out = compress(text, context).text();
            assertThat(out).contains("Starting the nightly job.", "[log part with ERROR kept]", "Job summary follows.")
                    .doesNotContain("INFO worker");
        }
    }

    @Test
    void staysLosslessWithoutMarkersInLosslessMode() {
        String out = compress(repeatedProgressOutput(), TestContext.standard().withLossless(true)).text();
        assertThat(Marker.containsMarker(out)).isFalse();
        assertThat(out).contains("waiting for lock on /var/cache/pkg [×40]");
    }

    static String repeatedProgressOutput() {
        return "Downloading dependencies\n" + "waiting for lock on /var/cache/pkg\n".repeat(40)
                + "lock acquired after 40 tries   \n-\n-\ndone\n";
    }

    static String textWithFencedJson() {
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < 30; i++) {
            json.append("  {\"id\": ").append(i).append(", \"state\": \"open\"}").append(i < 29 ? ",\n" : "\n");
        }
        return "The API answered:\n```json\n" + json + "]\n```\nEnd of response.";
    }

    /** Prose around a run of log lines (one ERROR) at a seeded position. */
    static String textWithLogSection(SplittableRandom random) {
        StringBuilder sb = new StringBuilder("Starting the nightly job.\nThe job reads every queue once.\n\n");
        int lines = 20 + random.nextInt(20);
        int error = random.nextInt(lines);
        for (int i = 0; i < lines; i++) {
            sb.append(String.format("2025-03-01T02:%02d:%02d.123Z %s worker-%d processed batch %d%n", i / 60, i % 60,
                    i == error ? "ERROR" : "INFO", random.nextInt(4), random.nextInt(10_000)));
        }
        return sb.append("\nJob summary follows.\nAll queues drained.\n").toString();
    }
}
