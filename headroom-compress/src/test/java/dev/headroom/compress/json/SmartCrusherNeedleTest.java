package dev.headroom.compress.json;

import dev.headroom.retention.Marker;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.TestContext;
import dev.headroom.tokens.JtokkitTokenCounter;
import dev.headroom.tokens.TokenizerFamily;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Needles buried at seeded random positions in large, similar inputs must be visible in the compressed text
 * itself, not only behind the marker — and the rest must still be cut.
 */
class SmartCrusherNeedleTest {

    private static String crush(String text, TestContext context) {
        CompressorResult result = new SmartCrusher().compress(ContentUnit.of(text, ContentType.JSON), context);
        assertThat(result.isDeclined()).as(result.declineReason()).isFalse();
        assertThat(Marker.hashesIn(result.text())).hasSize(1);
        return result.text();
    }

    private static void assertCutHard(String input, String output) {
        var tokens = JtokkitTokenCounter.of(TokenizerFamily.CL100K);
        assertThat(tokens.count(output)).isLessThan(tokens.count(input) / 4);
    }

    @Property(seed = "20261126", tries = 15)
    void keepsTheOneErrorItemAmongAThousand(@ForAll @IntRange(min = 0, max = 999) int position,
                                            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        String text = JsonFixtures.services(1000, seed, (i, item) -> {
            if (i == position) {
                item.put("status", "error");
                item.put("message", "upstream ledger returned 503");
            }
        });
        String out = crush(text, TestContext.standard());

        assertThat(out).contains("svc-" + position + ",").contains("upstream ledger returned 503").contains("error");
        assertCutHard(text, out);
    }

    @Property(seed = "4711", tries = 15)
    void keepsTheNumericOutlier(@ForAll @IntRange(min = 0, max = 999) int position,
                                @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        String text = JsonFixtures.services(1000, seed, (i, item) -> {
            if (i == position) {
                item.put("latency_ms", "98765.4");
            }
        });
        String out = crush(text, TestContext.standard());

        assertThat(out).contains("svc-" + position + ",").contains("98765.4");
        assertCutHard(text, out);
    }

    @Property(seed = "90210", tries = 15)
    void keepsTheItemTheQueryNames(@ForAll @IntRange(min = 0, max = 999) int position,
                                   @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        String text = JsonFixtures.services(1000, seed, (i, item) -> {
            if (i == position) {
                item.put("name", "billing-reconciler");
            }
        });
        String out = crush(text, TestContext.standard().withQuery("Why is billing-reconciler so slow today?"));

        assertThat(out).contains("billing-reconciler");
        assertCutHard(text, out);
    }

    @Property(seed = "31337", tries = 10)
    void keepsEveryNeedleAtOnce(@ForAll @IntRange(min = 0, max = 1999) int errorAt,
                                @ForAll @IntRange(min = 0, max = 1999) int outlierAt,
                                @ForAll @IntRange(min = 0, max = 1999) int namedAt) {
        String text = JsonFixtures.services(2000, errorAt * 31L + namedAt, (i, item) -> {
            if (i == errorAt) {
                item.put("status", "FAILED");
            }
            if (i == outlierAt) {
                item.put("requests", 987654);
            }
            if (i == namedAt) {
                item.put("name", "ledger-sync");
            }
        });
        String out = crush(text, TestContext.standard().withQuery("what happened to ledger-sync"));

        assertThat(out).contains("FAILED", "ledger-sync", "987654");
    }

    @Property(seed = "777", tries = 10)
    void keepsThePodWhoseContainerIsCrashLooping(@ForAll @IntRange(min = 0, max = 199) int position) {
        String text = JsonFixtures.pods(200, (i, pod) -> {
            if (i == position) {
                var container = (com.fasterxml.jackson.databind.node.ObjectNode) pod.path("status").path("containerStatuses").get(1);
                container.put("ready", false);
                container.put("restartCount", 41);
                container.putObject("state").putObject("waiting").put("reason", "CrashLoopBackOff");
            }
        });
        String out = crush(text, TestContext.standard());

        assertThat(out).contains("worker-" + position + ",").contains("CrashLoopBackOff");
        assertCutHard(text, out);
    }

    @Property(seed = "2024", tries = 10)
    void keepsTheErrorLineOfAJsonLinesLog(@ForAll @IntRange(min = 0, max = 1499) int position) {
        String text = JsonFixtures.pinoLines(1500, (i, line) -> {
            if (i == position) {
                line.setLength(0);
                line.append("{\"level\":50,\"time\":1743577959400,\"pid\":1,\"hostname\":\"fraud-service-54df9b7d75-z6m75\","
                        + "\"err\":{\"type\":\"Error\",\"message\":\"connect ECONNREFUSED 10.0.0.7:5432\"},\"msg\":\"db down\"}");
            }
        });
        String out = crush(text, TestContext.standard());

        assertThat(out).contains("connect ECONNREFUSED 10.0.0.7:5432", "db down");
        assertCutHard(text, out);
    }
}
