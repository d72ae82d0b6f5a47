package dev.headroom.compress.table;

import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.CompressorContract;
import dev.headroom.testkit.TestContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A metrics CSV of two thousand minutes where one minute's latency and error count are far above the rest:
 * however much is cut, the spike row itself stays visible, not only a summary of the columns.
 */
class MetricsSpikeTest extends CompressorContract {

    @Override
    protected Compressor newCompressor() {
        return new TableCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        return List.of(ContentUnit.of(metrics(new SplittableRandom(2)).csv, ContentType.CSV));
    }

    private record Metrics(String csv, List<String> spikeRows) {
    }

    private static Metrics metrics(SplittableRandom random) {
        int spikeAt = 100 + random.nextInt(1_800);
        boolean twoMinutes = random.nextBoolean();
        StringBuilder sb = new StringBuilder("timestamp,latency_p99_ms,errors,requests\n");
        List<String> spikes = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            boolean spike = i == spikeAt || twoMinutes && i == spikeAt + 1;
            String row = String.format(Locale.ROOT, "2025-07-03T%02d:%02d:00Z,%d,%d,%d", 8 + i / 60 % 16, i % 60,
                    spike ? 4_000 + random.nextInt(3_000) : 40 + random.nextInt(60),
                    spike ? 150 + random.nextInt(100) : random.nextInt(4), 900 + random.nextInt(200));
            sb.append(row).append('\n');
            if (spike) {
                spikes.add(row);
            }
        }
        return new Metrics(sb.toString(), spikes);
    }

    private static String compress(String text, String question) {
        CompressorResult result = new TableCompressor().compress(ContentUnit.of(text, ContentType.CSV),
                TestContext.standard().withQuery(question));
        assertThat(result.isDeclined()).as(result.declineReason()).isFalse();
        assertThat(result.text().length()).as("cut").isLessThan(text.length() / 5);
        return result.text();
    }

    @Property(seed = "20261207", tries = 20)
    void keepsTheSpikeRowsWithTheirValues(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Metrics m = metrics(new SplittableRandom(seed));

        String out = compress(m.csv, "When did latency spike, and how many errors were there?");

        assertThat(out).contains(m.spikeRows);
    }

    @Property(seed = "5", tries = 10)
    void keepsTheSpikeRowsWhenTheQuestionNamesNothing(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Metrics m = metrics(new SplittableRandom(seed));

        assertThat(compress(m.csv, "")).contains(m.spikeRows);
    }
}
