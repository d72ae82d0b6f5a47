package dev.headroom.shaper;

import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the {@link OutputShaper}: the verbosity instruction and effort routing, both off by default.
 *
 * @param verbosity        whether to append the verbosity instruction as the last system block
 *                         ({@code --output-shaper}, {@code HEADROOM_OUTPUT_SHAPER=1})
 * @param verbosityLevel   1 to 4, how terse the instruction asks the model to be ({@code HEADROOM_VERBOSITY_LEVEL},
 *                         default 2); see {@link Verbosity}
 * @param effortRouting    whether a mechanical continuation (the latest user turn holds only non-error tool results)
 *                         gets a lower effort ({@code HEADROOM_EFFORT_ROUTER}, on with the shaper); see {@link EffortRouter}
 * @param mechanicalEffort the effort a mechanical continuation is lowered to ({@code HEADROOM_MECHANICAL_EFFORT},
 *                         default {@code low}): one of {@link EffortRouter#EFFORTS}
 * @param holdout          the share of conversations forwarded unshaped, to measure the shaper against
 *                         ({@code HEADROOM_OUTPUT_HOLDOUT}, default 0.1; 0 turns the holdout and its measurement off);
 *                         see {@link OutputHoldout}
 */
public record OutputShaperSettings(boolean verbosity, int verbosityLevel, boolean effortRouting, String mechanicalEffort,
                                   double holdout) {
    /** The default verbosity level. */
    public static final int DEFAULT_LEVEL = 2;
    /** The default effort of a mechanical continuation. */
    public static final String DEFAULT_MECHANICAL_EFFORT = "low";
    /** The default share of conversations in the holdout's control arm. */
    public static final double DEFAULT_HOLDOUT = 0.1;

    /**
     * @throws IllegalArgumentException for a level outside 1–4, an effort not in {@link EffortRouter#EFFORTS} or a
     *                                  holdout outside 0–1
     */
    public OutputShaperSettings {
        if (!(holdout >= 0 && holdout <= 1)) {
            throw new IllegalArgumentException("output holdout must be a fraction from 0 to 1, got " + holdout);
        }
        Objects.requireNonNull(mechanicalEffort, "mechanicalEffort");
        mechanicalEffort = mechanicalEffort.strip().toLowerCase(Locale.ROOT);
        if (verbosityLevel < 1 || verbosityLevel > Verbosity.MAX_LEVEL) {
            throw new IllegalArgumentException("verbosity level must be 1 to " + Verbosity.MAX_LEVEL + ", got " + verbosityLevel);
        }
        if (!EffortRouter.EFFORTS.contains(mechanicalEffort)) {
            throw new IllegalArgumentException("mechanical effort must be one of " + String.join(", ", EffortRouter.EFFORTS)
                    + ", got '" + mechanicalEffort + "'");
        }
    }

    /** Settings with the {@link #DEFAULT_HOLDOUT default holdout}. */
    public OutputShaperSettings(boolean verbosity, int verbosityLevel, boolean effortRouting, String mechanicalEffort) {
        this(verbosity, verbosityLevel, effortRouting, mechanicalEffort, DEFAULT_HOLDOUT);
    }

    /** These settings with a holdout of {@code fraction} (0 to 1). */
    public OutputShaperSettings withHoldout(double fraction) {
        return new OutputShaperSettings(verbosity, verbosityLevel, effortRouting, mechanicalEffort, fraction);
    }

    /** Nothing shaped (the default). */
    public static OutputShaperSettings off() {
        return new OutputShaperSettings(false, DEFAULT_LEVEL, false, DEFAULT_MECHANICAL_EFFORT);
    }

    /** The shaper on at {@code level}, with effort routing to {@code low}. */
    public static OutputShaperSettings on(int level) {
        return new OutputShaperSettings(true, level, true, DEFAULT_MECHANICAL_EFFORT);
    }

    /** Whether any step is on. */
    public boolean enabled() {
        return verbosity || effortRouting;
    }

    /** One line for the proxy's banner. */
    public String describe() {
        return "output shaper: " + (verbosity ? "verbosity L" + verbosityLevel : "off")
                + "; effort router: " + (effortRouting ? "on, mechanical effort " + mechanicalEffort : "off")
                + (enabled() ? "; holdout: " + (holdout > 0 ? Math.round(holdout * 1000) / 10.0 + "% of conversations unshaped" : "off") : "");
    }
}
