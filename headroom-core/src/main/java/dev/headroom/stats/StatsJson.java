package dev.headroom.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a {@link StatsSnapshot} as the {@code /stats} JSON: keys in a fixed order, maps sorted by key,
 * dollars with six decimals, milliseconds and percentages with two. Top-level keys: {@code since},
 * {@code requests}, {@code tokens}, {@code cost}, {@code latency_ms}, {@code compressors}, {@code reasons},
 * {@code recent}, and {@code persistent_savings} when lifetime totals are kept.
 */
public final class StatsJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StatsJson() {
    }

    /** The JSON text of a snapshot, with lifetime totals when present. */
    public static String render(StatsSnapshot s, Optional<LifetimeSavings.Totals> lifetime) {
        return JsonCodec.write(tree(s, lifetime));
    }

    /** The JSON tree of a snapshot. */
    public static ObjectNode tree(StatsSnapshot s, Optional<LifetimeSavings.Totals> lifetime) {
        ObjectNode root = F.objectNode();
        root.put("since", s.since().toString());
        StatsSnapshot.Requests r = s.requests();
        ObjectNode requests = root.putObject("requests");
        requests.put("total", r.total());
        requests.put("compressed", r.compressed());
        requests.put("cached", r.cached());
        requests.put("rate_limited", r.rateLimited());
        requests.put("failed", r.failed());
        counts(requests.putObject("by_provider"), r.byProvider());
        counts(requests.putObject("by_model"), r.byModel());
        StatsSnapshot.Tokens t = s.tokens();
        ObjectNode tokens = root.putObject("tokens");
        tokens.put("input", t.input());
        tokens.put("output", t.output());
        tokens.put("cache_read", t.cacheRead());
        tokens.put("cache_write", t.cacheWrite());
        tokens.put("before_compression", t.before());
        tokens.put("after_compression", t.after());
        tokens.put("saved", t.saved());
        tokens.put("savings_percent", round(t.savingsPercent(), 2));
        StatsSnapshot.Costs c = s.cost();
        ObjectNode cost = root.putObject("cost");
        cost.put("currency", "USD");
        cost.put("with_headroom", usd(c.withHeadroomNanos()));
        cost.put("without_headroom", usd(c.withoutHeadroomNanos()));
        cost.put("saved", usd(c.savedNanos()));
        ObjectNode perModel = cost.putObject("per_model");
        c.perModel().forEach((model, m) -> {
            ObjectNode o = perModel.putObject(model);
            o.put("requests", m.requests());
            o.put("input_tokens", m.inputTokens());
            o.put("output_tokens", m.outputTokens());
            o.put("cache_read_tokens", m.cacheReadTokens());
            o.put("cache_write_tokens", m.cacheWriteTokens());
            o.put("tokens_saved", m.tokensSaved());
            o.put("with_headroom", usd(m.withHeadroomNanos()));
            o.put("without_headroom", usd(m.withoutHeadroomNanos()));
            o.put("saved", usd(m.savedNanos()));
        });
        ArrayNode unpriced = cost.putArray("unpriced_models");
        c.unpricedModels().forEach(unpriced::add);
        cost.put("prices_as_of", c.pricesAsOf());
        cost.put("prices_note", c.pricesNote());
        ObjectNode latency = root.putObject("latency_ms");
        summary(latency.putObject("total"), s.latency().total());
        summary(latency.putObject("overhead"), s.latency().overhead());
        summary(latency.putObject("ttfb"), s.latency().ttfb());
        ObjectNode compressors = root.putObject("compressors");
        s.compressors().forEach((name, cs) -> {
            ObjectNode o = compressors.putObject(name);
            o.put("compressions", cs.compressions());
            o.put("tokens_saved", cs.tokensSaved());
            counts(o.putObject("transforms"), cs.transforms());
        });
        counts(root.putObject("reasons"), s.reasons());
        ArrayNode recent = root.putArray("recent");
        for (StatsSnapshot.RecentRequest q : s.recent()) {
            ObjectNode o = recent.addObject();
            o.put("id", q.id());
            o.put("time", q.time().toString());
            o.put("provider", q.provider());
            o.put("model", q.model());
            o.put("status", q.status());
            o.put("tokens_before", q.tokensBefore());
            o.put("tokens_after", q.tokensAfter());
            o.put("tokens_saved", q.tokensSaved());
            o.put("input_tokens", q.inputTokens());
            o.put("output_tokens", q.outputTokens());
            o.put("latency_ms", round(q.latencyMillis(), 2));
            o.put("overhead_ms", round(q.overheadMillis(), 2));
            ArrayNode transforms = o.putArray("transforms");
            q.transforms().forEach(transforms::add);
            o.put("cached", q.cached());
        }
        lifetime.ifPresent(l -> {
            ObjectNode o = root.putObject("persistent_savings");
            o.put("since", l.since().toString());
            o.put("requests", l.requests());
            o.put("tokens_saved", l.tokensSaved());
            o.put("cost_saved", usd(l.costSavedNanos()));
        });
        return root;
    }

    private static void counts(ObjectNode target, Map<String, Long> counts) {
        new java.util.TreeMap<>(counts).forEach(target::put);
    }

    private static void summary(ObjectNode o, StatsSnapshot.Summary s) {
        o.put("count", s.count());
        o.put("avg", round(s.avg(), 2));
        o.put("p50", round(s.p50(), 2));
        o.put("p99", round(s.p99(), 2));
    }

    /** Nano-dollars as dollars with six decimals. */
    static BigDecimal usd(long nanos) {
        return BigDecimal.valueOf(nanos, 9).setScale(6, RoundingMode.HALF_UP);
    }

    private static BigDecimal round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }
}
