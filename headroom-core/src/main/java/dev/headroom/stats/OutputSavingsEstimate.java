package dev.headroom.stats;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How many output tokens per turn the output shaper saves, measured against its holdout
 * ({@link OutputSavingsEstimator}).
 *
 * @param status          {@link #MEASURED} or {@link #NOT_ENOUGH_DATA}
 * @param control         the control arm (unshaped) over every stratum
 * @param treatment       the treatment arm (shaped) over every stratum
 * @param strata          each stratum, by model family then turn kind
 * @param savedPerTurn    output tokens saved per turn (control − treatment, weighted over the compared strata);
 *                        empty when no stratum has both arms with at least two turns
 * @param low             the low end of its 95% interval
 * @param high            the high end of its 95% interval
 * @param savedPercent    {@code savedPerTurn} as a percentage of the control arm's weighted mean
 * @param percentLow      {@code low} as a percentage of the same
 * @param percentHigh     {@code high} as a percentage of the same
 * @param degreesOfFreedom the Welch–Satterthwaite degrees of freedom of the interval
 */
public record OutputSavingsEstimate(String status, Arm control, Arm treatment, List<Stratum> strata,
                                    OptionalDouble savedPerTurn, OptionalDouble low, OptionalDouble high,
                                    OptionalDouble savedPercent, OptionalDouble percentLow, OptionalDouble percentHigh,
                                    OptionalDouble degreesOfFreedom) {
    /** Both arms have enough turns in compared strata. */
    public static final String MEASURED = "measured";
    /** Too few turns in an arm (or no stratum with both arms) to claim a saving. */
    public static final String NOT_ENOUGH_DATA = "not enough data";

    public OutputSavingsEstimate {
        Objects.requireNonNull(status, "status");
        strata = List.copyOf(strata);
    }

    /** Whether the estimate is labelled {@link #MEASURED}. */
    public boolean measured() {
        return MEASURED.equals(status);
    }

    /**
     * Turns of one arm.
     *
     * @param turns            turns counted
     * @param meanOutputTokens their mean output tokens; 0 without turns
     */
    public record Arm(long turns, double meanOutputTokens) {
    }

    /**
     * One stratum.
     *
     * @param modelFamily such as {@code claude-opus}
     * @param turnKind    {@code question}, {@code tool_continuation} or {@code error}
     * @param control     its control turns
     * @param treatment   its treatment turns
     * @param weight      its share of the compared turns; 0 when it is not compared
     * @param difference  control − treatment mean output tokens; empty unless both arms have at least two turns
     */
    public record Stratum(String modelFamily, String turnKind, Arm control, Arm treatment, double weight,
                          OptionalDouble difference) {
    }
}
