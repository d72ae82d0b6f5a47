package dev.headroom.compress.html;

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
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlCompressorTest extends CompressorContract {
    private static final TokenCounter CL100K = JtokkitTokenCounter.of(TokenizerFamily.CL100K);
    private static final String JAVADOC = "html/picocli-javadoc-Option.html";
    private static final String GUIDE = "html/picocli-quick-guide.html";

    @Override
    protected Compressor newCompressor() {
        return new HtmlCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        return List.of(
                ContentUnit.of(Corpus.read(JAVADOC), ContentType.HTML),
                ContentUnit.of(Corpus.read(GUIDE), ContentType.HTML),
                ContentUnit.of(HtmlSamples.page(), ContentType.HTML));
    }

    @Override
    protected List<ContentUnit> unhandledSamples() {
        List<ContentUnit> units = new ArrayList<>(super.unhandledSamples());
        units.add(ContentUnit.of("<html><head><script>var x = 1;</script><style>p{}</style></head>"
                + "<body><nav><a href='/'>Home</a></nav></body></html>", ContentType.HTML));
        return units;
    }

    private static String compress(String html, TestContext context) {
        return new HtmlCompressor().compress(ContentUnit.of(html, ContentType.HTML), context).text();
    }

    @ParameterizedTest
    @CsvSource({"html/picocli-javadoc-Option.html, 0.80", "html/picocli-quick-guide.html, 0.84"})
    void savesTokensOnTheHtmlCorpus(String file, double floor) {
        String html = Corpus.read(file);
        String out = compress(html, TestContext.standard());
        int before = CL100K.count(html);
        int after = CL100K.count(out);
        double saved = (before - after) / (double) before;
        System.out.printf("html %s: %d -> %d tokens, %.1f%% saved%n", file, before, after, 100 * saved);
        assertThat(saved).isGreaterThanOrEqualTo(floor);
    }

    @Test
    void keepsEveryOptionNameAndHeadingOfTheJavadocPage() {
        String html = Corpus.read(JAVADOC);
        Document page = Jsoup.parse(html);
        String out = compress(html, TestContext.standard());
        List<String> facts = new ArrayList<>();
        for (Element e : page.select("main h1, main h2, main h3, main h4, th.colSecond code")) {
            facts.add(e.text());
        }
        assertThat(facts).hasSizeGreaterThan(60);
        for (String fact : facts) {
            assertThat(out).as("javadoc fact").contains(fact);
        }
        assertThat(out).contains("Default: \"__unspecified__\"", "Since: 4.6", "`String[] names`");
    }

    @Test
    void keepsEveryHeadingOfTheQuickGuide() {
        String html = Corpus.read(GUIDE);
        String out = compress(html, TestContext.standard());
        String withoutBackticks = out.replace("`", "");
        for (Element h : Jsoup.parse(html).select("#content h2, #content h3, #content h4")) {
            assertThat(withoutBackticks).contains("# " + h.text());
        }
        assertThat(out).startsWith("# Quick Guide\n");
    }

    @Test
    void dropsNavigationScriptsStylesSidebarsAndHiddenElements() {
        String out = compress(HtmlSamples.page(), TestContext.standard());
        assertThat(out).contains("# Rate limits", "The gateway allows 1200 requests per minute per tenant.");
        assertThat(out).doesNotContain("Home", "var tracking", "font-family", "Related posts", "Cookie",
                "secret hidden text", "Copyright", "On this page", "Skip to content");
    }

    @Test
    void rendersDataTablesAsCompactPipeTables() {
        String out = compress(HtmlSamples.page(), TestContext.standard());
        assertThat(out).contains("| Plan | Requests per minute | Burst |\n|---|---|---|\n| free | 60 | 10 |\n"
                + "| team | 1200 | 200 |");
    }

    @Test
    void keepsCodeBlocksVerbatimInFences() {
        String out = compress(HtmlSamples.page(), TestContext.standard());
        assertThat(out).contains("```java\nRateLimiter limiter = RateLimiter.create(20.0);\n"
                + "    if (!limiter.tryAcquire()) {\n        throw new TooManyRequests(\"slow down\");\n    }\n```");
    }

    @Test
    void keepsLinkTextButDropsUrlsUnlessTheQueryAsksForLinks() {
        String html = HtmlSamples.page();
        String plain = compress(html, TestContext.standard());
        assertThat(plain).contains("see the quota guide for details").doesNotContain("https://docs.example.com/quotas");
        assertThat(plain).contains("https://status.example.com");
        String linked = compress(html, TestContext.standard().withQuery("which link explains quotas?"));
        assertThat(linked).contains("[quota guide](https://docs.example.com/quotas)");
    }

    @Test
    void rendersListsAndDefinitionLists() {
        String out = compress(HtmlSamples.page(), TestContext.standard());
        assertThat(out).contains("- Requests over the limit get HTTP 429.\n  - The `Retry-After` header says when to retry.");
        assertThat(out).contains("Returns: the remaining quota");
    }

    @Test
    void retainsTheOriginalHtmlBehindOneMarker() {
        String html = Corpus.read(JAVADOC);
        TestContext context = TestContext.standard();
        String out = compress(html, context);
        List<String> hashes = Marker.hashesIn(out);
        assertThat(hashes).hasSize(1);
        assertThat(context.store().get(hashes.get(0))).contains(html);
    }

    @Test
    void declinesInLosslessModeAndWithoutRetention() {
        ContentUnit unit = ContentUnit.of(Corpus.read(JAVADOC), ContentType.HTML);
        CompressorResult lossless = new HtmlCompressor().compress(unit, TestContext.standard().withLossless(true));
        CompressorResult unretained = new HtmlCompressor().compress(unit, TestContext.standard().withRetention(false));
        assertThat(lossless.isDeclined()).isTrue();
        assertThat(unretained.isDeclined()).isTrue();
    }

    @Test
    void keepsTheQueryNamedSentenceOfALongPage() {
        String needle = "The burst bucket refills at 37 tokens per second for enterprise tenants.";
        String html = HtmlSamples.longPage(needle, 61);
        String out = compress(html, TestContext.standard().withQuery("How fast does the burst bucket refill for enterprise tenants?"));
        assertThat(out).contains(needle);
        assertThat(CL100K.count(out)).isLessThan(CL100K.count(html) / 3);
    }
}
