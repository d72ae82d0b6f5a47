package dev.headroom.compress.log;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NumericOutliersTest {

    @Test
    void normalisesKnownTimeAndSizeUnitsAndCountsOthersAsIs() {
        assertThat(NumericOutliers.measurements("took=3ms wait=250us total=1.5s size=2KiB body=3MB load=75% n=7 x=4abc"))
                .containsExactly(3_000, 250, 1_500_000, 2_000, 3_000_000, 75, 7, 4);
        assertThat(NumericOutliers.measurements("ran 2min then 1h, 40ns and 12µs; 9GB free"))
                .containsExactly(1.2e8, 3.6e9, 0.04, 12, 9e9);
    }

    @Test
    void aWordWithOtherDigitsInItIsNoMeasurement() {
        assertThat(NumericOutliers.measurements("at 10:37:30 from 192.168.0.1 v1.2.3 id=ab12")).isEmpty();
    }

    @Test
    void findsTheEntryWhoseLatencyStandsOut() {
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            headers.add("GET /orders 200 took=" + (20 + i % 5) + "ms");
        }
        headers.add(17, "GET /orders 200 took=4.2s");
        assertThat(NumericOutliers.find(headers, 3)).extracting(NumericOutliers.Outlier::index).containsExactly(17);
    }
}
