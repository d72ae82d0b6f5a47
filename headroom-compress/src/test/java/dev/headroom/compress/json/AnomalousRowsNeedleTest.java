package dev.headroom.compress.json;

import dev.headroom.retention.Marker;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.CompressorContract;
import dev.headroom.testkit.TestContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The anomalous rows of an API answer survive however hard the array is crushed: an amount thousands of times
 * the median, a negative amount where every other is positive, a processing time far above the rest, a status
 * seen once, even when the API sends its numbers as JSON strings ({@code "amount": "454048.50"}).
 */
class AnomalousRowsNeedleTest extends CompressorContract {

    @Override
    protected Compressor newCompressor() {
        return new SmartCrusher();
    }

    @Override
    protected List<ContentUnit> samples() {
        return List.of(ContentUnit.of(transactions(new SplittableRandom(1)).json, ContentType.JSON));
    }

    private record Transactions(String json, List<String> anomalies) {
    }

    /** 500 card transactions with string amounts; three rows are anomalous, each in one way, at seeded places. */
    private static Transactions transactions(SplittableRandom random) {
        int n = 500;
        int huge = random.nextInt(n);
        int negative = (huge + 1 + random.nextInt(n - 2)) % n;
        int slow = (negative + 1 + random.nextInt(n - 3)) % n;
        while (slow == huge) {
            slow = (slow + 1) % n;
        }
        String[] merchants = {"Acme Hardware", "Blue Cafe", "City Books", "Delta Fuel", "Echo Grocers", "Fox Pharmacy"};
        StringBuilder sb = new StringBuilder("{\"data\":[");
        String hugeId = null;
        String negativeId = null;
        String slowId = null;
        for (int i = 0; i < n; i++) {
            String id = "txn_" + Integer.toString(100_000 + random.nextInt(900_000), 36) + i;
            double amount = 20 + random.nextInt(200) + random.nextInt(100) / 100.0;
            int processorMs = 80 + random.nextInt(250);
            if (i == huge) {
                amount = amount * 4_000;
                hugeId = id;
            } else if (i == negative) {
                amount = -amount * 40;
                negativeId = id;
            } else if (i == slow) {
                processorMs = 30_000 + random.nextInt(5_000);
                slowId = id;
            }
            sb.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"amount\":\"")
                    .append(String.format(Locale.ROOT, "%.2f", amount)).append("\",\"currency\":\"EUR\",\"merchant\":\"")
                    .append(merchants[random.nextInt(merchants.length)]).append("\",\"status\":\"settled\",\"processor_ms\":")
                    .append(processorMs).append(",\"created\":\"2025-07-0").append(1 + i / 100).append("T")
                    .append(String.format(Locale.ROOT, "%02d:%02d:00Z", i / 60 % 24, i % 60)).append("\"}");
        }
        sb.append("],\"has_more\":false}");
        return new Transactions(sb.toString(), List.of(hugeId, negativeId, slowId));
    }

    private static String crush(String text, String question) {
        CompressorResult result = new SmartCrusher().compress(ContentUnit.of(text, ContentType.JSON),
                TestContext.standard().withQuery(question));
        assertThat(result.isDeclined()).as(result.declineReason()).isFalse();
        assertThat(Marker.hashesIn(result.text())).hasSize(1);
        assertThat(result.text().length()).as("crushed").isLessThan(text.length() / 3);
        return result.text();
    }

    @Property(seed = "20261207", tries = 20)
    void keepsEveryAnomalousTransactionWhenAmountsAreStrings(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Transactions t = transactions(new SplittableRandom(seed));

        String out = crush(t.json, "Which transactions look anomalous?");

        assertThat(out).contains(t.anomalies);
    }

    @Property(seed = "7", tries = 10)
    void keepsTheAnomaliesWhenTheQuestionNamesNothing(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Transactions t = transactions(new SplittableRandom(seed));

        assertThat(crush(t.json, "")).contains(t.anomalies);
    }
}
