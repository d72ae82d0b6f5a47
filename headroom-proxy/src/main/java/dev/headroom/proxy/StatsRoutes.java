package dev.headroom.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.gateway.Budget;
import dev.headroom.gateway.BudgetJson;
import dev.headroom.gateway.MemoryHook;
import dev.headroom.stats.HoldoutTally;
import dev.headroom.stats.LifetimeSavings;
import dev.headroom.stats.OutputSavingsEstimator;
import dev.headroom.stats.OutputSavingsJson;
import dev.headroom.stats.StatsAggregator;
import dev.headroom.stats.StatsJson;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.javalin.config.JavalinState;
import dev.headroom.wire.JsonCodec;
import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * The numbers routes, each under the proxy's prefix and open to the peers the proxy serves (loopback, or the
 * proxy token): {@code GET /stats} (JSON of {@link StatsAggregator}, with {@code persistent_savings} when a
 * {@link LifetimeSavings} is given, {@code output_savings} (the output shaper's holdout estimate, also as
 * {@link OutputSavingsGauges gauges} in {@code /metrics} once it counted a turn) from the same source,
 * {@code budget} when a {@link Budget} is set, {@code store_fallbacks} when a shared store fell back, and
 * {@code memory} when the gateway has agent memory), {@code POST /stats/reset} (loopback admin only, 403 otherwise) and
 * {@code GET /metrics} (Prometheus text exposition, or OpenMetrics or the Prometheus protobuf format when the
 * scraper's {@code Accept} asks for it). A route
 * whose source is not configured is not mounted.
 */
final class StatsRoutes {
    private StatsRoutes() {
    }

    static void register(JavalinState state, String prefix, ProxyAccess access, StatsAggregator stats,
                         PrometheusStatsSink metrics, LifetimeSavings lifetime, Budget budget,
                         java.util.function.Supplier<java.util.Map<String, Long>> storeFallbacks, MemoryHook memory) {
        if (stats != null) {
            state.routes.get(prefix + "/stats", ctx -> {
                if (denied(ctx, access)) {
                    return;
                }
                Optional<LifetimeSavings.Totals> totals = lifetime == null ? Optional.empty() : lifetime.totals();
                ObjectNode tree = StatsJson.tree(stats.snapshot(), totals);
                budget.status().ifPresent(b -> tree.set("budget", BudgetJson.tree(b)));
                if (lifetime != null) { // the output shaper's holdout, kept with the lifetime totals
                    tree.set("output_savings", OutputSavingsJson.tree(OutputSavingsEstimator.estimate(lifetime.holdout())));
                }
                StoreFallbacksJson.put(tree, storeFallbacks.get());
                memory.stats().ifPresent(m -> tree.set("memory", m));
                ctx.contentType("application/json").result(JsonCodec.write(tree));
            });
            state.routes.post(prefix + "/stats/reset", ctx -> {
                var refusal = access.admin(ctx);
                if (refusal.isPresent()) {
                    ctx.status(refusal.get().status).contentType("application/json").result(refusal.get().json());
                    return;
                }
                stats.reset();
                ctx.contentType("application/json").result("{\"reset\":true,\"since\":\"" + stats.snapshot().since() + "\"}");
            });
        }
        if (metrics != null) {
            ExpositionFormats formats = ExpositionFormats.init();
            state.routes.get(prefix + "/metrics", ctx -> {
                if (denied(ctx, access)) {
                    return;
                }
                HoldoutTally holdout = lifetime == null ? HoldoutTally.EMPTY : lifetime.holdout();
                if (!holdout.isEmpty()) { // the gauges appear once the holdout counted a turn
                    metrics.outputSavingsGauges().set(OutputSavingsEstimator.estimate(holdout));
                }
                ExpositionFormatWriter writer = formats.findWriter(ctx.header("Accept"));
                if (!writer.isAvailable()) { // protobuf asked for, but its library is not on the class path
                    writer = formats.getPrometheusTextFormatWriter();
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                writer.write(out, metrics.registry().scrape());
                ctx.contentType(writer.getContentType()).result(out.toByteArray());
            });
        }
    }

    private static boolean denied(Context ctx, ProxyAccess access) {
        var refusal = access.read(ctx);
        if (refusal.isEmpty()) {
            return false;
        }
        ctx.status(refusal.get().status).contentType("application/json").result(refusal.get().json());
        return true;
    }
}
