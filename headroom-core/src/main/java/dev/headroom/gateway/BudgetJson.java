package dev.headroom.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The {@code budget} object of {@code /stats}: {@code limit_usd}, {@code period}, {@code period_start},
 * {@code spent_usd}, {@code remaining_usd}, {@code resets_at} (ISO-8601 UTC), {@code exhausted}; dollars with six
 * decimals, keys in this order.
 */
public final class BudgetJson {
    private BudgetJson() {
    }

    /** The JSON object of a budget state. */
    public static ObjectNode tree(Budget.Status s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("limit_usd", usd(s.limitNanos()));
        o.put("period", s.period().label());
        o.put("period_start", s.periodStart().toString());
        o.put("spent_usd", usd(s.spentNanos()));
        o.put("remaining_usd", usd(s.remainingNanos()));
        o.put("resets_at", s.resetsAt().toString());
        o.put("exhausted", s.exhausted());
        return o;
    }

    private static BigDecimal usd(long nanos) {
        return BigDecimal.valueOf(nanos, 9).setScale(6, RoundingMode.HALF_UP);
    }
}
