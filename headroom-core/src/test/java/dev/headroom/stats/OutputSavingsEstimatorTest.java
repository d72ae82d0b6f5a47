package dev.headroom.stats;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OutputSavingsEstimatorTest {

    private static HoldoutCell cell(String arm, String family, String kind, long... outputs) {
        long sum = 0;
        long squares = 0;
        for (long o : outputs) {
            sum += o;
            squares += o * o;
        }
        return new HoldoutCell(arm, family, kind, outputs.length, sum, squares);
    }

    @Test
    void weightsEachComparedStratumByItsShareOfTurnsAndLeavesOutOneArmStrata() {
        HoldoutTally tally = HoldoutTally.of(List.of(
                cell("control", "claude-opus", "question", 100, 200, 300),       // mean 200, variance 10000
                cell("treatment", "claude-opus", "question", 50, 100, 150),      // mean 100, variance 2500
                cell("control", "claude-opus", "tool_continuation", 40, 60),     // mean 50, variance 200
                cell("treatment", "claude-opus", "tool_continuation", 20, 40),   // mean 30, variance 200
                cell("control", "gpt-5", "question", 900, 900, 900, 900, 900))); // no treatment: not compared
        OutputSavingsEstimate e = OutputSavingsEstimator.estimate(tally);

        // weights 6/10 and 4/10; D = 0.6 * 100 + 0.4 * 20
        assertThat(e.savedPerTurn().getAsDouble()).isCloseTo(68, within(1e-9));
        double variance = 0.36 * 10000 / 3 + 0.36 * 2500 / 3 + 0.16 * 200 / 2 + 0.16 * 200 / 2;
        double df = variance * variance / (1200.0 * 1200 / 2 + 300.0 * 300 / 2 + 16 * 16 + 16 * 16);
        assertThat(e.degreesOfFreedom().getAsDouble()).isCloseTo(df, within(1e-9));
        double half = OutputSavingsEstimator.tQuantile975(df) * Math.sqrt(variance);
        assertThat(e.low().getAsDouble()).isCloseTo(68 - half, within(1e-9));
        assertThat(e.high().getAsDouble()).isCloseTo(68 + half, within(1e-9));
        assertThat(e.savedPercent().getAsDouble()).isCloseTo(100 * 68 / 140.0, within(1e-9)); // control mean 0.6*200 + 0.4*50
        assertThat(e.status()).as("5 compared control turns < 30").isEqualTo(OutputSavingsEstimate.NOT_ENOUGH_DATA);
        assertThat(e.control()).isEqualTo(new OutputSavingsEstimate.Arm(10, (600 + 100 + 4500) / 10.0));
        assertThat(e.treatment().turns()).isEqualTo(5);
        assertThat(e.strata()).extracting(OutputSavingsEstimate.Stratum::weight).containsExactly(0.6, 0.4, 0.0);
        assertThat(e.strata().get(2).difference()).isEmpty();
    }

    @Test
    void nothingCountedIsNotEnoughDataWithoutFigures() {
        OutputSavingsEstimate e = OutputSavingsEstimator.estimate(HoldoutTally.EMPTY);
        assertThat(e.status()).isEqualTo("not enough data");
        assertThat(e.savedPerTurn()).isEmpty();
        assertThat(e.low()).isEmpty();
        assertThat(e.strata()).isEmpty();
        OutputSavingsEstimate oneArm = OutputSavingsEstimator.estimate(HoldoutTally.of(List.of(
                cell("treatment", "gpt-4o", "question", new long[40]))));
        assertThat(oneArm.measured()).isFalse();
        assertThat(oneArm.savedPerTurn()).isEmpty();
    }

    @Test
    void thirtyTurnsInEachArmOfComparedStrataIsMeasured() {
        long[] thirty = new long[30];
        long[] twentyNine = new long[29];
        for (int i = 0; i < 30; i++) {
            thirty[i] = 100 + i;
        }
        System.arraycopy(thirty, 0, twentyNine, 0, 29);
        assertThat(OutputSavingsEstimator.estimate(HoldoutTally.of(List.of(cell("control", "o-series", "error", thirty),
                cell("treatment", "o-series", "error", thirty)))).status()).isEqualTo("measured");
        assertThat(OutputSavingsEstimator.estimate(HoldoutTally.of(List.of(cell("control", "o-series", "error", twentyNine),
                cell("treatment", "o-series", "error", thirty)))).status()).isEqualTo("not enough data");
    }

    @Test
    void studentQuantileMatchesTheTable() {
        assertThat(OutputSavingsEstimator.tQuantile975(1)).isCloseTo(12.7062, within(0.0001));
        assertThat(OutputSavingsEstimator.tQuantile975(2)).isCloseTo(4.3027, within(0.0001));
        assertThat(OutputSavingsEstimator.tQuantile975(3)).isCloseTo(3.1824, within(0.0001));
        assertThat(OutputSavingsEstimator.tQuantile975(5)).isCloseTo(2.5706, within(0.0001));
        assertThat(OutputSavingsEstimator.tQuantile975(10)).isCloseTo(2.2281, within(0.0001));
        assertThat(OutputSavingsEstimator.tQuantile975(30)).isCloseTo(2.0423, within(0.0001));
        assertThat(OutputSavingsEstimator.tQuantile975(100)).isCloseTo(1.9840, within(0.0001));
        assertThat(OutputSavingsEstimator.tQuantile975(2.5)).isBetween(3.1824, 4.3027);
        assertThat(OutputSavingsEstimator.tQuantile975(Double.POSITIVE_INFINITY)).isCloseTo(1.96, within(0.0001));
        assertThat(OutputSavingsEstimator.regularizedBeta(0.5, 2, 2)).isCloseTo(0.5, within(1e-12));
        assertThat(OutputSavingsEstimator.regularizedBeta(0.3, 1, 1)).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void sumsAddUpAcrossTalliesAndCellsOfOneStratum() {
        HoldoutTally a = HoldoutTally.EMPTY.plus(cell("control", "gpt-5", "question", 10)).plus(cell("control", "gpt-5", "question", 20));
        assertThat(a.cells()).containsExactly(new HoldoutCell("control", "gpt-5", "question", 2, 30, 500));
        assertThat(OutputSavingsEstimator.sampleVariance(a.cells().get(0))).isCloseTo(50, within(1e-9));
    }

    /** Seeded: 400 simulated holdouts of 2,000 turns with a true saving of 120 tokens; the 95% interval covers it ~95% of the time. */
    @Test
    void intervalCoversTheTrueSavingAboutNinetyFivePercentOfTheTime() {
        Random random = new Random(13);
        String[] kinds = {"question", "tool_continuation", "error"};
        double[] baseline = {600, 250, 400};
        double[] share = {0.3, 0.6, 0.1};
        int covered = 0;
        int runs = 400;
        for (int run = 0; run < runs; run++) {
            List<HoldoutCell> cells = new ArrayList<>();
            for (int turn = 0; turn < 2000; turn++) {
                double u = random.nextDouble();
                int k = u < share[0] ? 0 : u < share[0] + share[1] ? 1 : 2;
                boolean control = random.nextDouble() < 0.1;
                long out = Math.max(0, Math.round(baseline[k] - (control ? 0 : 120) + random.nextGaussian() * 90));
                cells.add(new HoldoutCell(control ? "control" : "treatment", "claude-sonnet", kinds[k], 1, out, out * out));
            }
            OutputSavingsEstimate e = OutputSavingsEstimator.estimate(HoldoutTally.of(cells));
            assertThat(e.measured()).isTrue();
            if (e.low().getAsDouble() <= 120 && 120 <= e.high().getAsDouble()) {
                covered++;
            }
        }
        assertThat(covered / (double) runs).isBetween(0.92, 0.98);
    }
}
