package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** Renders the {@code /stats} JSON as a short plain-text summary for {@code headroom stats}. */
final class StatsReport {
    private StatsReport() {
    }

    static String render(JsonNode s, String proxyUrl) {
        StringBuilder b = new StringBuilder();
        JsonNode r = s.path("requests");
        JsonNode t = s.path("tokens");
        JsonNode c = s.path("cost");
        line(b, "Headroom proxy %s, counting since %s", proxyUrl, s.path("since").asText());
        line(b, "Requests   %s total, %s compressed, %s cached, %s rate-limited, %s failed", n(r, "total"),
                n(r, "compressed"), n(r, "cached"), n(r, "rate_limited"), n(r, "failed"));
        line(b, "Tokens     %s input, %s output, %s cache read, %s cache write", n(t, "input"), n(t, "output"),
                n(t, "cache_read"), n(t, "cache_write"));
        line(b, "Saved      %s tokens (%s%% of %s before compression)", n(t, "saved"),
                t.path("savings_percent").asText("0"), n(t, "before_compression"));
        line(b, "Cost       %s with Headroom, %s without, %s saved (list prices as of %s)", usd(c, "with_headroom"),
                usd(c, "without_headroom"), usd(c, "saved"), c.path("prices_as_of").asText("?"));
        if (c.path("unpriced_models").size() > 0) {
            line(b, "           not priced (counted at $0): %s", join(c.path("unpriced_models")));
        }
        JsonNode budget = s.path("budget");
        if (budget.isObject()) {
            line(b, "Budget     %s of %s %s spent, resets %s%s", budgetUsd(budget, "spent_usd"), budgetUsd(budget, "limit_usd"),
                    budget.path("period").asText(), budget.path("resets_at").asText(),
                    budget.path("exhausted").asBoolean() ? " (exhausted: provider requests are refused until then)" : "");
        }
        JsonNode o = s.path("output_savings");
        if (o.isObject()) {
            line(b, "Output     %s", outputSavings(o));
        }
        JsonNode l = s.path("latency_ms");
        line(b, "Latency    %s", latency(l.path("total")));
        line(b, "Overhead   %s", latency(l.path("overhead")));
        line(b, "First byte %s", latency(l.path("ttfb")));
        if (c.path("per_model").size() > 0) {
            line(b, "");
            line(b, "%-32s %8s %12s %12s %12s", "Model", "Requests", "Tokens saved", "Cost", "Saved");
            for (Iterator<Map.Entry<String, JsonNode>> it = c.path("per_model").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode m = e.getValue();
                line(b, "%-32s %8s %12s %12s %12s", e.getKey(), n(m, "requests"), n(m, "tokens_saved"),
                        usd(m, "with_headroom"), usd(m, "saved"));
            }
        }
        if (s.path("compressors").size() > 0) {
            line(b, "");
            line(b, "%-32s %12s %12s", "Compressor", "Compressions", "Tokens saved");
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("compressors").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                line(b, "%-32s %12s %12s", e.getKey(), n(e.getValue(), "compressions"), n(e.getValue(), "tokens_saved"));
            }
        }
        if (s.path("reasons").size() > 0) {
            StringBuilder reasons = new StringBuilder();
            s.path("reasons").fields().forEachRemaining(e ->
                    reasons.append(reasons.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asLong()));
            line(b, "");
            line(b, "Left alone: %s", reasons);
        }
        if (s.path("recent").size() > 0) {
            line(b, "");
            line(b, "Recent requests (newest first)");
            for (JsonNode q : s.path("recent")) {
                line(b, "  %-10s %-9s %-28s %3d %8s -> %-8s %9.1f ms", q.path("id").asText(), q.path("provider").asText(),
                        q.path("model").asText(), q.path("status").asInt(), n(q, "tokens_before"), n(q, "tokens_after"),
                        q.path("latency_ms").asDouble());
            }
        }
        JsonNode p = s.path("persistent_savings");
        if (p.isObject()) {
            line(b, "");
            line(b, "Lifetime   %s requests, %s tokens saved, %s saved since %s", n(p, "requests"), n(p, "tokens_saved"),
                    usd(p, "cost_saved"), p.path("since").asText());
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static String n(JsonNode node, String field) {
        return String.format(Locale.ROOT, "%,d", node.path(field).asLong());
    }

    private static String usd(JsonNode node, String field) {
        return "$" + node.path(field).decimalValue().stripTrailingZeros().toPlainString();
    }

    /** Dollars with at least two decimals and no trailing zeros beyond them: $5.00, $0.42, $0.00021. */
    private static String budgetUsd(JsonNode node, String field) {
        BigDecimal v = node.path(field).decimalValue().stripTrailingZeros();
        return "$" + (v.scale() < 2 ? v.setScale(2) : v).toPlainString();
    }

    private static String latency(JsonNode l) {
        if (l.path("count").asLong() == 0) {
            return "no data";
        }
        return String.format(Locale.ROOT, "avg %.1f ms, p50 %.1f ms, p99 %.1f ms (n = %,d)", l.path("avg").asDouble(),
                l.path("p50").asDouble(), l.path("p99").asDouble(), l.path("count").asLong());
    }

    /** The output shaper's measured saving: tokens per turn with the 95% band, or why there is none yet. */
    static String outputSavings(JsonNode o) {
        String arms = String.format(Locale.ROOT, "%s control / %s shaped turns", n(o.path("control"), "turns"),
                n(o.path("treatment"), "turns"));
        if (!o.path("saved_tokens_per_turn").isNumber()) {
            return "tokens saved: " + o.path("status").asText("not enough data") + " (" + arms + ")";
        }
        return String.format(Locale.ROOT, "tokens saved %.1f per turn (95%% CI %.1f to %.1f; %.1f%%), %s (%s)",
                o.path("saved_tokens_per_turn").asDouble(), o.path("ci95_low").asDouble(), o.path("ci95_high").asDouble(),
                o.path("saved_percent").asDouble(), o.path("status").asText(), arms);
    }

    private static String join(JsonNode array) {
        StringBuilder b = new StringBuilder();
        array.forEach(v -> b.append(b.length() == 0 ? "" : ", ").append(v.asText()));
        return b.toString();
    }
}
