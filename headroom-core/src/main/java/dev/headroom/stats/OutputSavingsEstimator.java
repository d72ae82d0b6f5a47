package dev.headroom.stats;

import dev.headroom.spi.RequestRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The output shaper's measured saving: a stratified difference of mean output tokens per turn between the
 * holdout's control arm (unshaped) and its treatment arm (shaped), with a 95% Welch interval.
 *
 * <ol>
 *   <li>Within each stratum (model family × turn kind) whose arms both have at least two turns:
 *       d<sub>s</sub> = mean<sub>control</sub> − mean<sub>treatment</sub>, with variance
 *       v<sub>s</sub> = s²<sub>c</sub>/n<sub>c</sub> + s²<sub>t</sub>/n<sub>t</sub> (sample variances).</li>
 *   <li>Weights w<sub>s</sub>: the stratum's share of the turns (both arms) of the compared strata; strata missing
 *       an arm are left out, so a model or turn kind seen in one arm only cannot bias the difference.</li>
 *   <li>Saving D = Σ w<sub>s</sub>d<sub>s</sub>, variance Σ w<sub>s</sub>²v<sub>s</sub>; degrees of freedom by
 *       Welch–Satterthwaite over every arm of every compared stratum; interval D ± t<sub>0.975, df</sub>·√var.</li>
 *   <li>Percentages divide by the control arm's weighted mean Σ w<sub>s</sub>·mean<sub>control,s</sub> (its own
 *       uncertainty is not folded in).</li>
 * </ol>
 *
 * <p>Labelled {@link OutputSavingsEstimate#MEASURED measured} only when the compared strata hold at least
 * {@link #MIN_TURNS_PER_ARM} turns of each arm; otherwise {@link OutputSavingsEstimate#NOT_ENOUGH_DATA not
 * enough data} (the figures are still given once a stratum can be compared, but should not be quoted). The
 * stratum weights use the observed shares, so the estimate answers "how much did the shaper save on the turns
 * this proxy actually served".
 */
public final class OutputSavingsEstimator {
    /** Turns each arm needs, over the compared strata, for the estimate to count as measured. */
    public static final int MIN_TURNS_PER_ARM = 30;
    private static final double Z975 = 1.959963984540054;

    private OutputSavingsEstimator() {
    }

    /** The estimate from {@code tally}. */
    public static OutputSavingsEstimate estimate(HoldoutTally tally) {
        Map<String, HoldoutCell[]> byStratum = new LinkedHashMap<>(); // cells come sorted: family, kind, arm
        long controlTurns = 0;
        long treatmentTurns = 0;
        double controlSum = 0;
        double treatmentSum = 0;
        for (HoldoutCell c : tally.cells()) {
            HoldoutCell[] pair = byStratum.computeIfAbsent(c.modelFamily() + '\u0000' + c.turnKind(), k -> new HoldoutCell[2]);
            boolean control = RequestRecord.Holdout.CONTROL.equals(c.arm());
            pair[control ? 0 : 1] = c;
            if (control) {
                controlTurns += c.turns();
                controlSum += c.outputTokens();
            } else {
                treatmentTurns += c.turns();
                treatmentSum += c.outputTokens();
            }
        }
        long comparedTurns = 0;
        long comparedControl = 0;
        long comparedTreatment = 0;
        for (HoldoutCell[] pair : byStratum.values()) {
            if (comparable(pair)) {
                comparedTurns += pair[0].turns() + pair[1].turns();
                comparedControl += pair[0].turns();
                comparedTreatment += pair[1].turns();
            }
        }
        List<OutputSavingsEstimate.Stratum> strata = new ArrayList<>();
        double saving = 0;
        double variance = 0;
        double dfDenominator = 0;
        double baseline = 0;
        for (HoldoutCell[] pair : byStratum.values()) {
            HoldoutCell any = pair[0] != null ? pair[0] : pair[1];
            OutputSavingsEstimate.Arm c = arm(pair[0]);
            OutputSavingsEstimate.Arm t = arm(pair[1]);
            if (!comparable(pair)) {
                strata.add(new OutputSavingsEstimate.Stratum(any.modelFamily(), any.turnKind(), c, t, 0, OptionalDouble.empty()));
                continue;
            }
            double w = (double) (pair[0].turns() + pair[1].turns()) / comparedTurns;
            double d = c.meanOutputTokens() - t.meanOutputTokens();
            double vc = w * w * sampleVariance(pair[0]) / pair[0].turns();
            double vt = w * w * sampleVariance(pair[1]) / pair[1].turns();
            saving += w * d;
            variance += vc + vt;
            dfDenominator += vc * vc / (pair[0].turns() - 1) + vt * vt / (pair[1].turns() - 1);
            baseline += w * c.meanOutputTokens();
            strata.add(new OutputSavingsEstimate.Stratum(any.modelFamily(), any.turnKind(), c, t, w, OptionalDouble.of(d)));
        }
        OutputSavingsEstimate.Arm control = new OutputSavingsEstimate.Arm(controlTurns, controlTurns == 0 ? 0 : controlSum / controlTurns);
        OutputSavingsEstimate.Arm treatment = new OutputSavingsEstimate.Arm(treatmentTurns,
                treatmentTurns == 0 ? 0 : treatmentSum / treatmentTurns);
        boolean measured = comparedControl >= MIN_TURNS_PER_ARM && comparedTreatment >= MIN_TURNS_PER_ARM;
        String status = measured ? OutputSavingsEstimate.MEASURED : OutputSavingsEstimate.NOT_ENOUGH_DATA;
        if (comparedTurns == 0) {
            OptionalDouble none = OptionalDouble.empty();
            return new OutputSavingsEstimate(status, control, treatment, strata, none, none, none, none, none, none, none);
        }
        double df = dfDenominator > 0 ? variance * variance / dfDenominator : Double.POSITIVE_INFINITY;
        double half = tQuantile975(df) * Math.sqrt(variance);
        double low = saving - half;
        double high = saving + half;
        OptionalDouble pct = baseline > 0 ? OptionalDouble.of(100 * saving / baseline) : OptionalDouble.empty();
        OptionalDouble pctLow = baseline > 0 ? OptionalDouble.of(100 * low / baseline) : OptionalDouble.empty();
        OptionalDouble pctHigh = baseline > 0 ? OptionalDouble.of(100 * high / baseline) : OptionalDouble.empty();
        return new OutputSavingsEstimate(status, control, treatment, strata, OptionalDouble.of(saving), OptionalDouble.of(low),
                OptionalDouble.of(high), pct, pctLow, pctHigh, Double.isInfinite(df) ? OptionalDouble.empty() : OptionalDouble.of(df));
    }

    /** Both arms present with at least two turns each (a sample variance needs two). */
    private static boolean comparable(HoldoutCell[] pair) {
        return pair[0] != null && pair[1] != null && pair[0].turns() >= 2 && pair[1].turns() >= 2;
    }

    private static OutputSavingsEstimate.Arm arm(HoldoutCell c) {
        return c == null ? new OutputSavingsEstimate.Arm(0, 0)
                : new OutputSavingsEstimate.Arm(c.turns(), (double) c.outputTokens() / c.turns());
    }

    /** The sample variance (n − 1) of a cell's output tokens; never negative. */
    static double sampleVariance(HoldoutCell c) {
        double n = c.turns();
        double mean = c.outputTokens() / n;
        double ss = c.outputTokensSquared() - n * mean * mean;
        return Math.max(0, ss / (n - 1));
    }

    /**
     * The 97.5% quantile of Student's t with {@code df} (possibly fractional) degrees of freedom: the t distribution
     * function, through the regularized incomplete beta function, inverted by bisection; the normal quantile for
     * infinite {@code df}.
     */
    static double tQuantile975(double df) {
        if (Double.isInfinite(df)) {
            return Z975;
        }
        double lo = 0;
        double hi = 1e6;
        for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
            double mid = (lo + hi) / 2;
            double upperTail = 0.5 * regularizedBeta(df / (df + mid * mid), df / 2, 0.5); // P(T > mid)
            if (upperTail > 0.025) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** I<sub>x</sub>(a, b) by its continued fraction (Lentz), as in Numerical Recipes' {@code betai}. */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaFraction(x, a, b) / a;
        }
        return 1 - front * betaFraction(1 - x, b, a) / b;
    }

    private static double betaFraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 300; m++) {
            int m2 = 2 * m;
            double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + num * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            h *= d * c;
            num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + num * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** ln Γ(x) for x &gt; 0 (Lanczos, g = 7, 9 terms; relative error below 1e-13). */
    private static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                1.5056327351493116e-7};
        x -= 1;
        double sum = g[0];
        for (int i = 1; i < g.length; i++) {
            sum += g[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
