package dev.headroom.compress.prose;

import dev.headroom.retention.Marker;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.CompressorContract;
import dev.headroom.testkit.Corpus;
import dev.headroom.testkit.TestContext;
import dev.headroom.tokens.JtokkitTokenCounter;
import dev.headroom.tokens.TokenCounter;
import dev.headroom.tokens.TokenizerFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class KompressCompressorTest extends CompressorContract {
    private static final TokenCounter CL100K = JtokkitTokenCounter.of(TokenizerFamily.CL100K);
    private static final String README = "markdown/holmesgpt-README.md";
    private static final String GUIDE = "markdown/ripgrep-GUIDE.md";

    @Override
    protected Compressor newCompressor() {
        return new KompressCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        return List.of(
                ContentUnit.of(Corpus.read(README), ContentType.PROSE),
                ContentUnit.of(Corpus.read(GUIDE), ContentType.PROSE),
                ContentUnit.of(Corpus.read(GUIDE), ContentType.TEXT),
                ContentUnit.of(TextSamples.proseWithEmbeddedJson(), ContentType.TEXT));
    }

    private static CompressorResult compress(String text, TestContext context) {
        return new KompressCompressor().compress(ContentUnit.of(text, ContentType.PROSE), context);
    }

    @ParameterizedTest
    @CsvSource({"markdown/holmesgpt-README.md, 0.42", "markdown/ripgrep-GUIDE.md, 0.38"})
    void savesTokensOnTheMarkdownCorpus(String file, double floor) {
        String text = Corpus.read(file);
        CompressorResult result = compress(text, TestContext.standard());
        int before = CL100K.count(text);
        int after = CL100K.count(result.text());
        double saved = (before - after) / (double) before;
        System.out.printf("kompress %s: %d -> %d tokens, %.1f%% saved%n", file, before, after, 100 * saved);
        assertThat(saved).isGreaterThanOrEqualTo(floor);
    }

    @Test
    void keepsEveryHeadingOfTheCorpus() {
        for (String file : List.of(README, GUIDE)) {
            String text = Corpus.read(file);
            String out = compress(text, TestContext.standard()).text();
            for (String heading : TextSamples.atxHeadings(text)) {
                assertThat(out).as("heading in %s", file).contains(heading);
            }
        }
    }

    @Test
    void keepsTheSentenceThatAnswersTheQueryWherever_itIs() {
        String needle = "The glob cache holds at most 4096 compiled patterns before it evicts the oldest one.";
        String query = "How many compiled glob patterns does the cache hold?";
        SplittableRandom random = new SplittableRandom(31337);
        for (int i = 0; i < 25; i++) {
            String text = TextSamples.insertSentence(Corpus.read(GUIDE), needle, random);
            String out = compress(text, TestContext.standard().withQuery(query)).text();
            assertThat(out).as("needle at try %d", i).contains(needle);
        }
    }

    @Test
    void keepsASentenceWithNumbersAndIdentifiersWithoutAQuery() {
        String needle = "Since 14.1.0 the `--max-columns-preview` flag truncates lines longer than 150 bytes in `rg::printer`.";
        SplittableRandom random = new SplittableRandom(4242);
        for (int i = 0; i < 25; i++) {
            String text = TextSamples.insertSentence(Corpus.read(GUIDE), needle, random);
            String out = compress(text, TestContext.standard()).text();
            assertThat(out).as("needle at try %d", i).contains(needle);
        }
    }

    @Test
    void keepsCodeBlocksVerbatimOrElidesOnlyTheirMiddle() {
        String text = Corpus.read(GUIDE);
        String out = compress(text, TestContext.standard()).text();
        List<List<String>> before = TextSamples.fencedBlocks(text);
        List<List<String>> after = TextSamples.fencedBlocks(out);
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            List<String> original = before.get(i);
            List<String> kept = after.get(i);
            if (kept.size() == original.size()) {
                assertThat(kept).isEqualTo(original);
            } else {
                assertThat(kept.subList(0, 11)).isEqualTo(original.subList(0, 11));
                assertThat(kept.get(11)).matches("… \\d+ lines elided …");
                assertThat(kept.subList(12, kept.size()))
                        .isEqualTo(original.subList(original.size() - (kept.size() - 12), original.size()));
            }
        }
    }

    @Test
    void keepsNumbersIdentifiersAndPathsExactlyAsWritten() {
        String text = Corpus.read(GUIDE);
        String out = compress(text, TestContext.standard()).text();
        for (String token : List.of("`$GIT_DIR/info/exclude`", "`core.excludesFile`", "0.7.1.zip",
                "https://github.com/BurntSushi/ripgrep/archive/0.7.1.zip")) {
            assertThat(out).contains(token);
        }
    }

    @Test
    void retainsTheWholeOriginalBehindOneMarkerAtTheEnd() {
        String text = Corpus.read(README);
        TestContext context = TestContext.standard();
        String out = compress(text, context).text();
        List<String> hashes = Marker.hashesIn(out);
        assertThat(hashes).hasSize(1);
        assertThat(context.store().get(hashes.get(0))).contains(text);
        assertThat(out.lines().reduce((a, b) -> b).orElseThrow()).startsWith("[headroom: ").contains("sentences omitted");
    }

    @Test
    void keepsLessWithASmallerTargetRatio() {
        String text = Corpus.read(GUIDE);
        int tight = CL100K.count(compress(text, TestContext.standard().withTargetRatio(0.3)).text());
        int standard = CL100K.count(compress(text, TestContext.standard()).text());
        int loose = CL100K.count(compress(text, TestContext.standard().withTargetRatio(0.9)).text());
        assertThat(tight).isLessThan(standard);
        assertThat(loose).isGreaterThan(standard);
    }

    @Test
    void dropsNearDuplicateSentences() {
        String sentence = "The indexer rebuilds the search catalogue every night from the primary replica.";
        String variant = "The indexer rebuilds the search catalogue every night from the primary replica again.";
        String text = TextSamples.filler(40, new SplittableRandom(7)) + "\n\n" + sentence + " " + variant + "\n\n"
                + TextSamples.filler(40, new SplittableRandom(8));
        String query = "When does the indexer rebuild the search catalogue?";
        String out = compress(text, TestContext.standard().withQuery(query)).text();
        assertThat(out).contains(sentence).doesNotContain(variant);
    }

    @Test
    void onlyNormalisesWhitespaceInLosslessMode() {
        String text = "# Title   \n\n\n\nFirst paragraph with a trailing space. \nSecond line.\t\n\n\n\n## Next\n"
                + "Hard break here  \nnext line.\n\n\n" + "Repeated line of text\n".repeat(4) + "\n\n";
        CompressorResult result = compress(text, TestContext.standard().withLossless(true));
        assertThat(result.text()).isEqualTo("# Title\n\nFirst paragraph with a trailing space.\nSecond line.\n\n## Next\n"
                + "Hard break here  \nnext line.\n\nRepeated line of text [×4]");
        assertThat(result.transform()).isEqualTo("kompress:lossless");
    }

    @Test
    void cutsNothingWithoutRetention() {
        String text = Corpus.read(GUIDE);
        CompressorResult result = compress(text, TestContext.standard().withRetention(false));
        assertThat(result.transform()).isEqualTo("kompress:lossless");
        for (String line : text.split("\n")) {
            assertThat(result.text()).contains(line.strip());
        }
    }

    @Test
    void routesEmbeddedJsonThroughTheContextAndKeepsItsPlace() {
        String text = TextSamples.proseWithEmbeddedJson();
        UnaryOperator<String> crusher = part -> part.startsWith("{") ? "{\"crushed\":true}" : part;
        for (TestContext context : List.of(TestContext.standard(), TestContext.standard().withRetention(false))) {
            String out = new KompressCompressor()
                    .compress(ContentUnit.of(text, ContentType.TEXT), context.withPartCompressor(crusher)).text();
            assertThat(out).contains("{\"crushed\":true}").doesNotContain("\"replicas\"");
            if (!context.canRetain()) {
                assertThat(out.indexOf("Deployment status follows")).isLessThan(out.indexOf("{\"crushed\":true}"));
                assertThat(out.indexOf("{\"crushed\":true}")).isLessThan(out.indexOf("rollout finished at 14:02"));
            }
        }
    }

    @Test
    void leavesTablesStackTracesAndIndentedRecordsAlone() {
        String traceback = """
                Traceback (most recent call last):
                  File "/repo/reproduce_bug.py", line 17, in <module>
                    result = np.array_equal(ds.pixel_array, pixel_array)
                  File "/repo/pydicom/dataset.py", line 836, in __getattr__
                    return object.__getattribute__(self, name)
                AttributeError: Unable to convert the pixel data as the following required elements are missing from the dataset: PixelRepresentation
                """;
        StringBuilder table = new StringBuilder("Params used for the tool call: {\"kind\": \"pod\"}. The tool call output follows on the next line.\n"
                + "NAMESPACE     NAME                         READY   STATUS             RESTARTS   AGE\n");
        for (int i = 0; i < 40; i++) {
            table.append(String.format("sock-shop     carts-%05d-f8lf5              1/1     %-18s %-10d 155d%n", i * 37,
                    i == 23 ? "CrashLoopBackOff" : "Running", i == 23 ? 412 : 0));
        }
        for (ContentType type : List.of(ContentType.PROSE, ContentType.TEXT)) {
            for (String text : List.of(traceback, table.toString(), TextSamples.filler(30, new SplittableRandom(3))
                    + "\n\n" + traceback + "\n" + table)) {
                CompressorResult result = new KompressCompressor().compress(ContentUnit.of(text, type), TestContext.standard());
                String out = result.isDeclined() ? text : result.text();
                for (String line : (traceback + table).split("\n")) {
                    if (text.contains(line) && !line.startsWith("Params used")) {
                        assertThat(out).as("%s keeps %s", type, line).contains(line.stripTrailing());
                    }
                }
            }
        }
    }

    @Test
    void isFastOnAMegabyteOfProse() {
        String one = Corpus.read(GUIDE);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 1_000_000; i++) {
            sb.append(one.replace("ripgrep", "rg" + i)).append("\n\n");
        }
        String big = sb.toString();
        compress(big, TestContext.standard());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long start = threads.getCurrentThreadCpuTime();
            compress(big, TestContext.standard().withQuery("search hidden files"));
            times.add((threads.getCurrentThreadCpuTime() - start) / 1_000_000);
        }
        System.out.println("kompress 1 MB of markdown: " + times + " ms of CPU");
        assertThat(times.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(2_000);
    }
}
