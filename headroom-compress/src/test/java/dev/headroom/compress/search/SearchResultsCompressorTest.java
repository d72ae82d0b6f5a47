package dev.headroom.compress.search;

import dev.headroom.retention.Marker;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.CompressorContract;
import dev.headroom.testkit.TestContext;
import dev.headroom.tokens.JtokkitTokenCounter;
import dev.headroom.tokens.TokenCounter;
import dev.headroom.tokens.TokenizerFamily;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SearchResultsCompressorTest extends CompressorContract {
    private static final TokenCounter TOKENS = JtokkitTokenCounter.of(TokenizerFamily.CL100K);

    @Override
    protected Compressor newCompressor() {
        return new SearchResultsCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        return List.of(
                unit(RepoSources.grep("return", 0)),
                unit(RepoSources.grep("context", 1)),
                unit(RepoSources.grep("Pattern\\.compile", 0)));
    }

    private static ContentUnit unit(String text) {
        return ContentUnit.of(text, ContentType.SEARCH_RESULTS);
    }

    private static CompressorResult compress(String text, TestContext context) {
        return new SearchResultsCompressor().compress(unit(text), context);
    }

    @Test
    void keepsBuriedBestMatchingLineAtSeededRandomPositions() {
        String grep = RepoSources.grep("text", 0);
        List<String> lines = new ArrayList<>(Arrays.asList(grep.split("\n")));
        SplittableRandom random = new SplittableRandom(31L);
        for (int round = 0; round < 5; round++) {
            List<String> copy = new ArrayList<>(lines);
            int at = random.nextInt(copy.size());
            String path = copy.get(at).substring(0, copy.get(at).indexOf(':'));
            String needle = path + ":" + (900 + round) + ":        if (!passwordHash.equals(storedHash)) { throw deny(); }";
            copy.add(at, needle);
            TestContext context = TestContext.standard().withQuery("where is the passwordHash compared with storedHash?");

            CompressorResult result = compress(String.join("\n", copy), context);

            assertThat(result.transform()).isEqualTo("search:ranked");
            assertThat(result.text()).contains((900 + round) + ":        if (!passwordHash.equals(storedHash)) { throw deny(); }");
            assertThat(result.text().split("\n")[0]).as("the needle's file is ranked first").isEqualTo(path);
        }
    }

    @Test
    void keepsRealLineThatBestMatchesTheQuery() {
        TestContext context = TestContext.standard().withQuery("how do I retain the original with a summary?");

        CompressorResult result = compress(RepoSources.grep("String", 0), context);

        assertThat(result.text()).contains(":    String retain(String original, String summary);");
    }

    @Test
    void countsTheOmittedMatchesPerFileAndRetainsTheOriginal() {
        String grep = RepoSources.grep("return", 0);
        TestContext context = TestContext.standard();

        CompressorResult result = compress(grep, context);

        assertThat(result.text()).containsPattern("… \\d+ more matches in headroom-core/src/main/java/dev/headroom/\\S+\\.java");
        List<String> hashes = Marker.hashesIn(result.text());
        assertThat(hashes).hasSize(1);
        assertThat(context.store().get(hashes.get(0))).contains(grep);
    }

    @Test
    void keepsFirstAndLastMatchOfEachShownFile() {
        String grep = RepoSources.grep("return", 0);
        String output = compress(grep, TestContext.standard()).text();
        String first = grep.lines().findFirst().orElseThrow();
        String path = first.substring(0, first.indexOf(':'));
        String last = grep.lines().filter(l -> l.startsWith(path + ":")).reduce((a, b) -> b).orElseThrow();

        assertThat(output).contains(first.substring(path.length() + 1)).contains(last.substring(path.length() + 1));
    }

    @Test
    void groupsEveryHitByFileInLosslessMode() {
        String grep = RepoSources.grep("context", 1);

        CompressorResult result = compress(grep, TestContext.standard().withLossless(true));

        assertThat(result.transform()).isEqualTo("search:grouped");
        for (String line : grep.split("\n")) {
            if (!line.equals("--")) {
                String path = line.substring(0, line.indexOf(".java") + 5);
                assertThat(result.text()).contains(path + "\n").contains(line.substring(path.length() + 1));
            }
        }
    }

    @Test
    void readsRipgrepHeadingMode() {
        String heading = """
                src/main/java/a/Alpha.java
                12:    String token = request.header("x-api-key");
                13-    if (token == null) {
                40:    return token;

                src/main/java/b/Beta.java
                7:    private final String token;
                """;

        CompressorResult result = compress(heading.repeat(30), TestContext.standard().withQuery("token header"));

        assertThat(result.isDeclined()).isFalse();
        assertThat(result.text()).startsWith("src/main/java/a/Alpha.java\n12:    String token = request.header(\"x-api-key\");");
    }

    @Test
    void parsesContextLinesOfHyphenatedPaths() {
        String grep = """
                web-app/src/log-util.js-9-// helper
                web-app/src/log-util.js:10:export function logError(e) {
                web-app/src/log-util.js-11-  console.error(e);
                --
                web-app/src/log-util.js:20:  logError(err);
                """;

        CompressorResult result = compress(grep, TestContext.standard().withLossless(true));

        assertThat(result.text()).isEqualTo("""
                web-app/src/log-util.js
                9-// helper
                10:export function logError(e) {
                11-  console.error(e);
                20:  logError(err);""");
    }

    @Test
    void declinesTextThatIsNotSearchOutput() {
        String prose = "This is a paragraph of prose.\nIt has lines: but no line numbers.\n".repeat(20);

        assertThat(compress(prose, TestContext.standard()).isDeclined()).isTrue();
    }

    @Test
    void savesAtLeastHalfOnLargeSearchOutputs() {
        String[][] cases = {{"return", "0", ""}, {"private|public", "1", "retain marker"}, {"String", "0", "query terms"},
                {"final", "2", ""}};
        for (String[] c : cases) {
            String grep = RepoSources.grep(c[0], Integer.parseInt(c[1]));
            String output = compress(grep, TestContext.standard().withQuery(c[2])).text();
            int before = TOKENS.count(grep);
            int after = TOKENS.count(output);
            double saved = 1 - (double) after / before;
            System.out.printf("search grep -C%s '%s' query='%s': %d -> %d tokens, %.1f%% saved%n",
                    c[1], c[0], c[2], before, after, saved * 100);
            assertThat(saved).as("savings on grep %s", c[0]).isGreaterThan(0.5);
        }
    }
}
