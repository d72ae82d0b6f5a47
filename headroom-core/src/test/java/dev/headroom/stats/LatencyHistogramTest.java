package dev.headroom.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinFivePercentAboveTheTrueValue() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.add(i);
        }
        StatsSnapshot.Summary s = h.summary();
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.avg()).isCloseTo(500.5, within(1e-9));
        assertThat(s.p50()).isBetween(500.0, 525.0);
        assertThat(s.p99()).isBetween(990.0, 1000.0);
    }

    @Test
    void percentileNeverExceedsTheLargestValue() {
        LatencyHistogram h = new LatencyHistogram();
        h.add(7.3);
        assertThat(h.summary().p99()).isEqualTo(7.3);
        assertThat(h.summary().p50()).isEqualTo(7.3);
    }

    @Test
    void emptyIsAllZeroAndBadValuesAreIgnored() {
        LatencyHistogram h = new LatencyHistogram();
        h.add(Double.NaN);
        h.add(-1);
        assertThat(h.summary()).isEqualTo(new StatsSnapshot.Summary(0, 0, 0, 0));
        h.add(1e9);
        assertThat(h.summary().p99()).isEqualTo(1e9);
    }
}
