package dev.headroom.compress.log;

import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.CompressorContract;
import dev.headroom.testkit.TestContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Needle tests for what a log digest must keep however much it saves: the one routine line that explains a
 * later failure, the slow request among thousands of fast ones, what came just before a restart, until when a
 * repeated failure went on. Logs are generated from seeds; the needles are where an incident puts them.
 */
class LogRetentionTest extends CompressorContract {

    @Override
    protected Compressor newCompressor() {
        return new LogCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        return List.of(ContentUnit.of(configChangeIncident(new SplittableRandom(3)).text, ContentType.LOG),
                ContentUnit.of(slowRequestAmongFast(new SplittableRandom(5)).text, ContentType.LOG));
    }

    /** A generated log and the lines that its answer needs. */
    private record Incident(String text, List<String> needles) {
    }

    private static String digest(String text, String question) {
        CompressorResult result = new LogCompressor().compress(ContentUnit.of(text, ContentType.LOG),
                TestContext.standard().withQuery(question));
        assertThat(result.isDeclined()).as("declined: %s", result.declineReason()).isFalse();
        assertThat(result.text().length()).as("still a digest").isLessThan(text.length() / 4);
        FaithfulLines.assertFaithful(text, result.text());
        return result.text();
    }

    private static final String[] JOBS = {"invoice", "ledger", "audit", "export", "cleanup", "digest", "billing", "archive"};
    private static final String[] STEPS = {"scheduled", "skipped", "queued", "deferred", "resumed", "merged", "rotated", "pruned"};

    /**
     * Routine traffic with dozens of one-off lines (so that rarity alone does not single anything out); at a
     * random point a config change lowers a pool limit; minutes later the pool runs dry.
     */
    private static Incident configChangeIncident(SplittableRandom random) {
        List<String> lines = new ArrayList<>(SyntheticLogs.infoLines(2_000 + random.nextInt(1_000), random));
        for (String job : JOBS) {
            for (String step : STEPS) {
                lines.add(random.nextInt(lines.size()), SyntheticLogs.timestamp(random.nextInt(2_000))
                        + " INFO  [scheduler-1] c.e.jobs.Nightly - " + job + " job " + step);
            }
        }
        int change = 300 + random.nextInt(1_000);
        int limit = 2 + random.nextInt(6);
        int was = 50 + random.nextInt(100);
        String revision = "r-" + (1000 + random.nextInt(9000));
        String changeLine = SyntheticLogs.timestamp(change) + " INFO  [config-watcher] c.e.config.Loader - applied config revision "
                + revision + ": db.pool.max_open=" + limit + " (was " + was + ")";
        lines.add(change, changeLine);
        String fatal = SyntheticLogs.timestamp(lines.size()) + " FATAL [http-nio-8080-exec-2] c.e.db.Pool - pool exhausted (max_open="
                + limit + "), shutting down";
        lines.add(fatal);
        lines.addAll(SyntheticLogs.infoLines(30, random));
        return new Incident(SyntheticLogs.join(lines), List.of(changeLine, fatal));
    }

    @Property(tries = 20, seed = "20261207")
    void keepsTheConfigChangeThatExplainsALaterFatal(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Incident incident = configChangeIncident(new SplittableRandom(seed));

        String out = digest(incident.text, "Why did the service die?");

        assertThat(out).contains(incident.needles);
    }

    @Test
    void keepsTheConfigChangeWhenTheQuestionNamesNothing() {
        Incident incident = configChangeIncident(new SplittableRandom(42));

        assertThat(digest(incident.text, "")).contains(incident.needles);
    }

    /** One request template thousands of times with ordinary durations, and a few very slow ones. */
    private static Incident slowRequestAmongFast(SplittableRandom random) {
        List<String> lines = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        int n = 1_000 + random.nextInt(2_000);
        java.util.Set<Integer> slowAt = new java.util.TreeSet<>();
        while (slowAt.size() < 3) {
            slowAt.add(random.nextInt(n));
        }
        for (int i = 0; i < n; i++) {
            boolean isSlow = slowAt.contains(i);
            double millis = isSlow ? 2_000 + random.nextInt(30_000) + random.nextInt(1000) / 1000.0
                    : 20 + random.nextInt(60) + random.nextInt(1000) / 1000.0;
            String line = "ts=" + SyntheticLogs.timestamp(i) + " caller=handler.go:85 method=GetInvoice status=200 took="
                    + String.format(java.util.Locale.ROOT, "%.3f", millis) + "ms";
            lines.add(line);
            if (isSlow) {
                slow.add(line);
            }
        }
        return new Incident(SyntheticLogs.join(lines), slow);
    }

    @Property(tries = 20, seed = "20261207")
    void keepsTheSlowRequestsOfARepeatedTemplate(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Incident incident = slowRequestAmongFast(new SplittableRandom(seed));

        String out = digest(incident.text, "");

        assertThat(out).contains(incident.needles);
    }

    @Test
    void keepsTheLinesAroundARestartInAStreamOfRepeats() {
        SplittableRandom random = new SplittableRandom(9);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            lines.add("[" + SyntheticLogs.timestamp(i) + "] Sending invoice email to user" + random.nextInt(1000) + "@example.com...");
        }
        String before = lines.get(lines.size() - 1);
        lines.add("Connecting to broker kafka:9092 topic=finance group=invoices-processor");
        lines.add("Starting invoices consumer for topic: finance");
        String after = "[" + SyntheticLogs.timestamp(9_000) + "] Sending invoice email to user7@example.com...";
        lines.add(after);
        for (int i = 9_001; i < 10_000; i++) {
            lines.add("[" + SyntheticLogs.timestamp(i) + "] Sending invoice email to user" + random.nextInt(1000) + "@example.com...");
        }

        String out = digest(SyntheticLogs.join(lines), "When did the consumer restart?");

        assertThat(out).contains(before, after, "Starting invoices consumer for topic: finance");
    }

    @Test
    void showsUntilWhenARepeatedFailureWentOn() {
        List<String> lines = new ArrayList<>();
        lines.add("Starting client");
        for (int i = 0; i < 200; i++) {
            lines.add("Connection error: Failed to resolve 'svc.test-ns' - Time: " + SyntheticLogs.timestamp(i * 10));
        }
        String last = lines.get(lines.size() - 1);

        String out = digest(SyntheticLogs.join(lines), "");

        assertThat(out).contains("[×200] Connection error", "[last of ×200] " + last);
    }

    @Test
    void showsTheWholeLastOccurrenceWhenItIsWhatTheQuestionNames() {
        List<String> lines = new ArrayList<>(SyntheticLogs.infoLines(400, new SplittableRandom(12)));
        lines.add(120, SyntheticLogs.timestamp(120) + " ERROR [jobs-1] c.e.jobs.Runner - job failed");
        lines.add(121, "java.lang.IllegalStateException: quota exceeded for tenant 1001");
        lines.add(300, SyntheticLogs.timestamp(300) + " ERROR [jobs-1] c.e.jobs.Runner - job failed");
        lines.add(301, "java.lang.IllegalStateException: quota exceeded for tenant 9977");

        String out = digest(SyntheticLogs.join(lines), "Why did the job for tenant 9977 fail?");

        assertThat(out).contains("quota exceeded for tenant 9977");
    }

    @Test
    void keepsASpikeInACountThatIsUsuallyZero() {
        List<String> lines = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 300; i++) {
            lines.add("ts=" + SyntheticLogs.timestamp(i) + " msg=\"sync done\" retries=" + (random.nextInt(10) == 0 ? 1 : 0));
        }
        String spike = "ts=" + SyntheticLogs.timestamp(300) + " msg=\"sync done\" retries=9000";
        lines.add(150, spike);

        assertThat(digest(SyntheticLogs.join(lines), "")).contains(spike);
    }

    @Test
    void showsFewOutliersWhenEveryTemplateHasAHeavyTail() {
        SplittableRandom random = new SplittableRandom(14);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            double millis = Math.exp(random.nextGaussian() * 1.5 + 3);
            lines.add("ts=" + SyntheticLogs.timestamp(i) + " route=/api/r" + (i % 400) + "/items took="
                    + String.format(java.util.Locale.ROOT, "%.2f", millis) + "ms");
        }
        String text = SyntheticLogs.join(lines);

        String out = digest(text, "");

        assertThat(out.lines().count()).as("lines of the digest").isLessThan(200);
    }
}
