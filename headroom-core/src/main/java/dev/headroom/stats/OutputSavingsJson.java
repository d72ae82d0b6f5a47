package dev.headroom.stats;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalDouble;

/**
 * Renders an {@link OutputSavingsEstimate} as the {@code output_savings} section of {@code /stats}: keys in a fixed
 * order, tokens and percentages with two decimals, {@code null} for a figure that cannot be computed yet.
 *
 * <pre>{@code
 * "output_savings": {"status": "measured", "min_turns_per_arm": 30,
 *   "control": {"turns": 212, "mean_output_tokens": 503.1},
 *   "treatment": {"turns": 1788, "mean_output_tokens": 302.4},
 *   "saved_tokens_per_turn": 200.7, "ci95_low": 188.2, "ci95_high": 213.2,
 *   "saved_percent": 40.1, "ci95_low_percent": 37.6, "ci95_high_percent": 42.6,
 *   "strata": [{"model_family": "claude-opus", "turn_kind": "question", "weight": 0.41,
 *               "control": {...}, "treatment": {...}, "difference": 201.0}]}
 * }</pre>
 */
public final class OutputSavingsJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private OutputSavingsJson() {
    }

    /** The {@code output_savings} object. */
    public static ObjectNode tree(OutputSavingsEstimate e) {
        ObjectNode o = F.objectNode();
        o.put("status", e.status());
        o.put("min_turns_per_arm", OutputSavingsEstimator.MIN_TURNS_PER_ARM);
        arm(o.putObject("control"), e.control());
        arm(o.putObject("treatment"), e.treatment());
        put(o, "saved_tokens_per_turn", e.savedPerTurn());
        put(o, "ci95_low", e.low());
        put(o, "ci95_high", e.high());
        put(o, "saved_percent", e.savedPercent());
        put(o, "ci95_low_percent", e.percentLow());
        put(o, "ci95_high_percent", e.percentHigh());
        var strata = o.putArray("strata");
        for (OutputSavingsEstimate.Stratum s : e.strata()) {
            ObjectNode so = strata.addObject();
            so.put("model_family", s.modelFamily());
            so.put("turn_kind", s.turnKind());
            so.put("weight", round(s.weight(), 4));
            arm(so.putObject("control"), s.control());
            arm(so.putObject("treatment"), s.treatment());
            put(so, "difference", s.difference());
        }
        return o;
    }

    private static void arm(ObjectNode o, OutputSavingsEstimate.Arm a) {
        o.put("turns", a.turns());
        o.put("mean_output_tokens", round(a.meanOutputTokens(), 2));
    }

    private static void put(ObjectNode o, String key, OptionalDouble value) {
        if (value.isPresent()) {
            o.put(key, round(value.getAsDouble(), 2));
        } else {
            o.putNull(key);
        }
    }

    private static BigDecimal round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }
}
