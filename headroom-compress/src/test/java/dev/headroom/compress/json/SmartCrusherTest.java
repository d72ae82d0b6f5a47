package dev.headroom.compress.json;

import dev.headroom.retention.Marker;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.CompressorContract;
import dev.headroom.testkit.Corpus;
import dev.headroom.testkit.TestContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmartCrusherTest extends CompressorContract {

    @Override
    protected Compressor newCompressor() {
        return new SmartCrusher();
    }

    @Override
    protected List<ContentUnit> samples() {
        List<ContentUnit> units = new ArrayList<>();
        for (String file : Corpus.files("json")) {
            units.add(ContentUnit.of(Corpus.read(file), ContentType.JSON));
        }
        units.add(ContentUnit.of(Corpus.read("logs/k8s-fraud-service-pino-json.log"), ContentType.LOG));
        units.add(ContentUnit.of(JsonFixtures.services(300, 7, (i, item) -> { }), ContentType.JSON));
        units.add(ContentUnit.of("[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"},{\"a\":3,\"b\":\"z\"}]", ContentType.JSON));
        return units;
    }

    @Override
    protected List<ContentUnit> unhandledSamples() {
        List<ContentUnit> units = new ArrayList<>(super.unhandledSamples());
        units.add(ContentUnit.of("not json at all, just words", ContentType.JSON));
        units.add(ContentUnit.of("12345", ContentType.JSON));
        units.add(ContentUnit.of("{\"a\":", ContentType.JSON));
        units.add(ContentUnit.of("2026-11-26T10:00:00Z INFO started\n2026-11-26T10:00:01Z INFO ready\n".repeat(20),
                ContentType.LOG));
        return units;
    }

    private static CompressorResult crush(String text, TestContext context) {
        return new SmartCrusher().compress(ContentUnit.of(text, ContentType.JSON), context);
    }

    @Test
    void retainsTheWholeOriginalBehindExactlyOneMarker() {
        String text = JsonFixtures.services(500, 3, (i, item) -> { });
        TestContext context = TestContext.standard();
        CompressorResult result = crush(text, context);

        assertThat(result.transform()).isEqualTo("json:crush");
        List<String> hashes = Marker.hashesIn(result.text());
        assertThat(hashes).hasSize(1);
        assertThat(context.store().get(hashes.get(0))).contains(text);
        assertThat(result.text()).contains("of 500 items omitted");
    }

    @Test
    void factorsOutFieldsThatEveryItemShares() {
        String text = JsonFixtures.services(40, 5, (i, item) -> { });
        String out = crush(text, TestContext.standard().withLossless(true)).text();

        assertThat(out).contains("same in every row: {\"kind\":\"Service\"");
        assertThat(out).contains("\"owner.team\":\"payments\"");
        assertThat(out.split("\"kind\"", -1)).hasSize(2);
    }

    @Test
    void saysThatSharedFieldsHoldForTheLeftOutItemsToo() {
        String text = JsonFixtures.services(500, 3, (i, item) -> { });

        assertThat(crush(text, TestContext.standard()).text()).contains("same in every row: {\"kind\":\"Service\"");
    }

    @Test
    void saysWhatTheLeftOutItemsWere() {
        String text = JsonFixtures.pinoLines(600, (i, line) -> { });
        String out = crush(text, TestContext.standard()).text();

        assertThat(out).containsPattern("omitted: \\(text\\) \"\\*\\* headers health -> undefined\" ×\\d+");
    }

    @Test
    void rendersUniformArraysAsTablesWithAHeaderRow() {
        StringBuilder text = new StringBuilder("{\"data\":{\"result\":[");
        for (int i = 0; i < 30; i++) {
            text.append(i > 0 ? "," : "").append("{\"name\":\"host-").append(i).append("\",\"value\":").append(i * 7).append('}');
        }
        String out = crush(text.append("]}}").toString(), TestContext.standard().withLossless(true)).text();

        assertThat(out).contains("{\"data\":{\"result\":<see $.data.result>}}");
        assertThat(out).contains("$.data.result: 30 rows\nname,value\nhost-0,0\nhost-1,7\nhost-2,14\n");
        assertThat(out.lines().findFirst().orElseThrow()).startsWith("# compact JSON");
    }

    @Test
    void marksTextColumnsSoNumberLikeStringsNeedNoQuotes() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < 300; i++) {
            text.append(i > 0 ? "," : "").append("[").append(1757332688 + 15 * i).append(",\"").append(i % 3 == 0 ? "0" : "0.5").append("\"]");
        }
        String out = crush(text.append(']').toString(), TestContext.standard().withLossless(true)).text();

        assertThat(out).contains("[0],[1]:str\n1757332688,0\n1757332703,0.5\n");
    }

    @Test
    void quotesStringsThatWouldOtherwiseReadAsSomethingElse() {
        String rows = "{\"v\":\"true\",\"w\":\"a,b\",\"x\":1},{\"v\":7,\"w\":\"\",\"x\":2},{\"v\":null,\"w\":\" pad\",\"x\":3},";
        String text = "[" + rows.repeat(10) + "{\"v\":1,\"w\":\"end\",\"x\":4}]";
        String out = crush(text, TestContext.standard().withLossless(true)).text();

        assertThat(out).contains("\"true\",\"a,b\",1\n7,\"\",2\nnull,\" pad\",3");
    }

    @Test
    void keepsEveryNumberExactlyAsWritten() {
        String text = "{\"rules\": [\n  {\"t\": 6.3882e-05, \"n\": -0},\n  {\"t\": 1.10, \"n\": 12345678901234567890123},\n"
                + "  {\"t\": 1E+3, \"n\": 0.000259489}\n]}";
        String out = crush(text, TestContext.standard().withLossless(true)).text();

        assertThat(out).contains("6.3882e-05", "-0", "1.10", "12345678901234567890123", "1E+3", "0.000259489");
    }

    @Test
    void rendersJsonLinesWithPlainLinesAsOneTable() {
        String text = JsonFixtures.pinoLines(30, (i, line) -> { });
        String out = crush(text, TestContext.standard().withLossless(true)).text();

        assertThat(out).contains("JSON lines: 41 rows");
        assertThat(out).contains("same in every JSON row: {\"level\":30,\"pid\":1,\"hostname\":\"fraud-service-54df9b7d75-z6m75\"");
        assertThat(out).contains("\nstdout:\n", "\n** headers health -> undefined\n");
    }

    @Test
    void takesJsonLinesThatDetectionCalledALog() {
        String text = JsonFixtures.pinoLines(300, (i, line) -> { });
        CompressorResult result = new SmartCrusher().compress(ContentUnit.of(text, ContentType.LOG), TestContext.standard());

        assertThat(result.isDeclined()).isFalse();
        assertThat(result.text()).contains("JSON lines:");
    }

    @Test
    void losslessModeKeepsEveryValueAndEmitsNoMarker() {
        for (String file : Corpus.files("json")) {
            String text = Corpus.read(file);
            CompressorResult result = crush(text, TestContext.standard().withLossless(true));
            assertThat(Marker.containsMarker(result.text())).isFalse();
            FaithfulValues.assertEveryValueShown(text, result.text(), file);
        }
    }

    @Test
    void cutsNothingWithoutRetention() {
        String text = JsonFixtures.services(400, 11, (i, item) -> { });
        CompressorResult result = crush(text, TestContext.standard().withRetention(false));

        assertThat(result.transform()).isEqualTo("json:table");
        FaithfulValues.assertEveryValueShown(text, result.text(), "services");
    }

    @Test
    void minifiesDocumentsWithoutArraysOfObjects() {
        String text = "{\n  \"name\": \"PyYAML\",\n  \"version\": \"3.13\",\n  \"classifiers\": [\n    \"a\",\n    \"b\"\n  ]\n}";
        CompressorResult result = crush(text, TestContext.standard());

        assertThat(result.transform()).isEqualTo("json:minify");
        assertThat(result.text()).isEqualTo("{\"name\":\"PyYAML\",\"version\":\"3.13\",\"classifiers\":[\"a\",\"b\"]}");
    }

    @Test
    void shortensLongDescriptionsButNotErrorMessages() {
        String longText = "lorem ipsum dolor sit amet ".repeat(40);
        String error = "Exception in thread main: connection refused while contacting the ledger; " + "retrying ".repeat(40);
        String text = JsonFixtures.services(60, 13, (i, item) -> {
            item.put("description", longText + i);
            if (i == 31) {
                item.put("status", "failed");
                item.put("message", error);
            }
        });
        String out = crush(text, TestContext.standard()).text();

        assertThat(out).contains(error);
        assertThat(out).doesNotContain(longText);
        assertThat(out).contains("chars");
    }

    @Test
    void dropsLinksThatOnlyExtendASiblingLink() {
        String item = "{\"url\":\"https://api.github.com/repos/o/r/issues/%d\",\"comments_url\":"
                + "\"https://api.github.com/repos/o/r/issues/%d/comments\",\"html_url\":\"https://github.com/o/r/issues/%d\","
                + "\"title\":\"Issue %d\",\"body\":\"%s\"}";
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < 6; i++) {
            text.append(i > 0 ? "," : "").append(String.format(item, i, i, i, i, "text ".repeat(80)));
        }
        String out = crush(text.append(']').toString(), TestContext.standard()).text();

        assertThat(out).doesNotContain("/comments").contains("https://api.github.com/repos/o/r/issues/0");
    }
}
