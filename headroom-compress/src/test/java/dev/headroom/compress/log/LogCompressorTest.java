package dev.headroom.compress.log;

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
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class LogCompressorTest extends CompressorContract {
    private static final List<String> CORPUS = List.of("logs/apache-access-combined.log", "logs/k8s-dns-client-errors.log",
            "logs/k8s-invoices-app-kafka.log", "logs/k8s-multiservice-errors.log", "logs/k8s-sockshop-catalogue.log");

    @Override
    protected Compressor newCompressor() {
        return new LogCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        List<ContentUnit> units = new ArrayList<>();
        for (String file : CORPUS) {
            units.add(ContentUnit.of(Corpus.read(file), ContentType.LOG));
        }
        units.add(ContentUnit.of(SyntheticLogs.join(SyntheticLogs.infoLines(300, new SplittableRandom(7))), ContentType.LOG));
        return units;
    }

    private static CompressorResult compress(String text, TestContext context) {
        CompressorResult result = new LogCompressor().compress(ContentUnit.of(text, ContentType.LOG), context);
        assertThat(result.isDeclined()).as("declined: %s", result.declineReason()).isFalse();
        return result;
    }

    @Property(tries = 25, seed = "20261126")
    void keepsFatalLineBuriedAmongFiveThousandInfoLines(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>(SyntheticLogs.infoLines(5_000, random));
        int at = random.nextInt(lines.size());
        String fatal = SyntheticLogs.timestamp(at) + " FATAL [main] c.e.Bootstrap - Out of memory: Java heap space, shutting down";
        lines.add(at, fatal);
        String text = SyntheticLogs.join(lines);

        String out = compress(text, TestContext.standard()).text();

        assertThat(out).contains(fatal);
        assertThat(out.length()).isLessThan(text.length() / 10);
        FaithfulLines.assertFaithful(text, out);
    }

    @Test
    void showsRepeatedStackTraceOnceWithItsCount() {
        SplittableRandom random = new SplittableRandom(11);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.addAll(SyntheticLogs.infoLines(20, random));
            lines.addAll(SyntheticLogs.exception(SyntheticLogs.timestamp(1000 + i), "ord-" + (7000 + i)));
        }
        String text = SyntheticLogs.join(lines);

        String out = compress(text, TestContext.standard()).text();

        assertThat(count(out, "java.lang.IllegalStateException: inventory reservation rejected")).isEqualTo(1);
        assertThat(FaithfulLines.prefixOf(out, "Failed to place order")).isEqualTo("[×40] ");
        assertThat(out).contains("[last of ×40] " + SyntheticLogs.timestamp(1039));
        assertThat(out).contains("\tat com.example.order.InventoryClient.reserve(InventoryClient.java:88)",
                "Caused by: java.net.SocketTimeoutException: Read timed out");
        FaithfulLines.assertFaithful(text, out);
    }

    @Test
    void keepsExceptionWithItsFirstFramesInsideALog() {
        List<String> lines = new ArrayList<>(SyntheticLogs.infoLines(800, new SplittableRandom(3)));
        lines.addAll(400, SyntheticLogs.exception(SyntheticLogs.timestamp(400), "ord-4242"));
        String text = SyntheticLogs.join(lines);

        String out = compress(text, TestContext.standard()).text();

        assertThat(out).contains("Failed to place order ord-4242",
                "java.lang.IllegalStateException: inventory reservation rejected for order ord-4242",
                "\tat com.example.order.OrderService.place(OrderService.java:142)",
                "Caused by: java.net.SocketTimeoutException: Read timed out");
        assertThat(out).containsPattern("\\[… \\d+ frames]");
    }

    @Test
    void keepsLinesNamingTheQueryTerm() {
        List<String> lines = new ArrayList<>(SyntheticLogs.infoLines(3_000, new SplittableRandom(5)));
        String needle = SyntheticLogs.timestamp(1777) + " INFO  [pool-2-thread-3] c.e.pay.Client - payment-service answered 202 after 3 retries";
        lines.add(1777, needle);
        String text = SyntheticLogs.join(lines);

        String withQuery = compress(text, TestContext.standard().withQuery("why is payment-service slow?")).text();

        assertThat(withQuery).contains(needle);
    }

    @Test
    void showsEveryDistinctErrorOfAnAllErrorLogOnceWithCounts() {
        String text = Corpus.read("logs/k8s-multiservice-errors.log");
        Pattern shape = Pattern.compile("\\[ERROR] (\\S+) - (PostgreSQL query failed: \\w+ \\w+|Authentication system error .* Error: [^-]+)");
        List<String> distinct = TextLines.split(text).stream()
                .map(shape::matcher).filter(java.util.regex.Matcher::find)
                .map(m -> m.group(1) + " - " + m.group(2).replaceAll("user_\\d+ from [\\d.]+", "")).distinct().toList();

        String out = compress(text, TestContext.standard()).text();

        String normalized = out.replaceAll("user_\\d+ from [\\d.]+", "");
        assertThat(distinct).hasSizeGreaterThan(10).allSatisfy(d -> assertThat(normalized).contains(d));
        assertThat(out).contains("[×178] 2025-06-20T10:37:55.617Z [ERROR] auth-service",
                "[last of ×178] 2025-06-20T11:05:41.359Z [ERROR] auth-service");
        FaithfulLines.assertFaithful(text, out);
    }

    @Property(tries = 10, seed = "20261127")
    void keepsServerErrorOfAnAccessLog(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            lines.add(String.format("10.0.%d.%d - - [18/May/2015:%02d:%02d:%02d +0000] \"GET /blog/post-%d.html HTTP/1.1\" 200 %d \"-\" \"Mozilla/5.0\"",
                    random.nextInt(256), random.nextInt(256), 10 + i / 3600, i / 60 % 60, i % 60, random.nextInt(40), random.nextInt(900, 90_000)));
        }
        String error = "66.249.73.135 - - [18/May/2015:12:34:56 +0000] \"POST /api/checkout HTTP/1.1\" 500 312 \"-\" \"curl/8.0\"";
        lines.add(random.nextInt(lines.size()), error);
        String text = SyntheticLogs.join(lines);

        CompressorResult result = compress(text, TestContext.standard());

        assertThat(result.transform()).isEqualTo("log:access");
        assertThat(result.text()).contains(error).contains("500 ×1").contains("/blog/post-#.html ×2,000");
        FaithfulLines.assertFaithful(text, result.text());
    }

    @Test
    void retainsTheWholeOriginalBehindOneMarker() {
        String text = Corpus.read("logs/k8s-invoices-app-kafka.log");
        TestContext context = TestContext.standard();

        String out = compress(text, context).text();

        List<String> hashes = Marker.hashesIn(out);
        assertThat(hashes).hasSize(1);
        assertThat(context.store().get(hashes.get(0))).contains(text);
    }

    @Test
    void collapsesOnlyExactRepeatsInLosslessMode() {
        String text = "start\n" + "connection reset by peer\n".repeat(50) + "done\n";

        CompressorResult result = compress(text, TestContext.standard().withLossless(true));

        assertThat(result.transform()).isEqualTo("log:lossless");
        assertThat(result.text()).isEqualTo("start\n[×50] connection reset by peer\ndone\n");
    }

    @Test
    void declinesLosslessModeWhenNothingRepeatsExactly() {
        String text = SyntheticLogs.join(SyntheticLogs.infoLines(200, new SplittableRandom(1)));

        CompressorResult result = new LogCompressor().compress(ContentUnit.of(text, ContentType.LOG),
                TestContext.standard().withRetention(false));

        assertThat(result.isDeclined()).isTrue();
    }

    @Test
    void showsLessWhenATargetRatioIsNotMet() {
        String text = Corpus.read("logs/apache-access-combined.log").lines().map(l -> l.replace("\" 200 ", "\" 404 "))
                .collect(java.util.stream.Collectors.joining("\n"));
        String plain = SyntheticLogs.join(SyntheticLogs.infoLines(2_000, new SplittableRandom(2)));

        String normal = compress(plain, TestContext.standard()).text();
        String tight = compress(plain, TestContext.standard().withTargetRatio(0.001)).text();

        assertThat(tight.length()).isLessThan(normal.length());
        assertThat(compress(text, TestContext.standard()).text()).contains("more 4xx request shapes");
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

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
