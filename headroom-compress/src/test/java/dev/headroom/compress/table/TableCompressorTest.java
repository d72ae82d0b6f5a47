package dev.headroom.compress.table;

import dev.headroom.retention.Marker;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.CompressorContract;
import dev.headroom.testkit.TestContext;
import dev.headroom.tokens.JtokkitTokenCounter;
import dev.headroom.tokens.TokenizerFamily;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

class TableCompressorTest extends CompressorContract {

    @Override
    protected Compressor newCompressor() {
        return new TableCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        return List.of(
                ContentUnit.of(csv(800, 1, i -> null), ContentType.CSV),
                ContentUnit.of(csv(800, 2, i -> null).replace(',', '\t'), ContentType.CSV),
                ContentUnit.of(csv(12, 3, i -> null), ContentType.CSV));
    }

    @Override
    protected List<ContentUnit> unhandledSamples() {
        List<ContentUnit> units = new ArrayList<>(super.unhandledSamples());
        units.add(ContentUnit.of("just one line of prose, with a comma", ContentType.CSV));
        units.add(ContentUnit.of("a,b\n\"unterminated,1\n2,3\n4,5\n", ContentType.CSV));
        return units;
    }

    /** A job table: {@code override} may replace the status cell of row i. */
    static String csv(int rows, long seed, IntFunction<String> override) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("job_id, name , status, duration_s, region, owner\n");
        for (int i = 0; i < rows; i++) {
            String status = override.apply(i);
            sb.append(String.format(Locale.ROOT, "%d, nightly-%d , %s, %.1f, eu-west-1, team-data%n", 5000 + i, i,
                    status == null ? "succeeded" : status, 300 + random.nextGaussian() * 20));
        }
        return sb.toString();
    }

    private static CompressorResult compress(String text, TestContext context) {
        return new TableCompressor().compress(ContentUnit.of(text, ContentType.CSV), context);
    }

    @Test
    void trimsPaddingAndFactorsConstantColumnsLosslessly() {
        String out = compress(csv(20, 4, i -> null), TestContext.standard().withLossless(true)).text();

        assertThat(out).startsWith("same in every row: {\"status\":\"succeeded\",\"region\":\"eu-west-1\",\"owner\":\"team-data\"}\n"
                + "job_id,name,duration_s\n5000,nightly-0,");
        assertThat(out.lines().count()).isEqualTo(22);
        assertThat(Marker.containsMarker(out)).isFalse();
    }

    @Test
    void keepsQuotedCellsIntact() {
        String text = "id,comment,score\n" + "1,\"says \"\"hi\"\", twice\",3\n".repeat(3) + "2,plain,4\n3,plain,5\n";
        String out = compress(text, TestContext.standard().withLossless(true)).text();

        assertThat(out).contains("\"says \"\"hi\"\", twice\"");
    }

    @Property(seed = "1998", tries = 15)
    void keepsTheFailedRowAndTheOutlier(@ForAll @IntRange(min = 0, max = 2999) int failedAt,
                                        @ForAll @IntRange(min = 0, max = 2999) int slowAt) {
        String text = csv(3000, failedAt, i -> i == failedAt ? "FAILED" : null)
                .replace(String.format(Locale.ROOT, "%d, nightly-%d , ", 5000 + slowAt, slowAt),
                        String.format(Locale.ROOT, "%d, nightly-%d-slow , ", 5000 + slowAt, slowAt));
        String[] lines = text.split("\n");
        int slowLine = slowAt + 1;
        lines[slowLine] = lines[slowLine].replaceFirst(", [0-9.]+, eu-west-1", ", 98765.0, eu-west-1");
        String input = String.join("\n", lines);
        TestContext context = TestContext.standard();
        CompressorResult result = compress(input, context);

        assertThat(result.transform()).isEqualTo("table:rows");
        assertThat(result.text()).contains((5000 + failedAt) + ",nightly-" + failedAt).contains("FAILED").contains("98765.0");
        assertThat(result.text().lines().filter(l -> l.contains(",FAILED,"))).singleElement().asString()
                .startsWith((5000 + failedAt) + ",");
        assertThat(Marker.hashesIn(result.text())).hasSize(1);
        var tokens = JtokkitTokenCounter.of(TokenizerFamily.CL100K);
        assertThat(tokens.count(result.text())).isLessThan(tokens.count(input) / 4);
    }

    @Test
    void keepsTheRowTheQueryNames() {
        String text = csv(1000, 9, i -> null).replace("nightly-777 ", "invoice-export ");
        String out = compress(text, TestContext.standard().withQuery("why did invoice-export take so long?")).text();

        assertThat(out).contains("invoice-export");
    }

    @Test
    void leavesSmallTablesWhole() {
        CompressorResult result = compress(csv(12, 3, i -> null), TestContext.standard());

        assertThat(result.transform()).isEqualTo("table:compact");
        assertThat(Marker.containsMarker(result.text())).isFalse();
    }
}
