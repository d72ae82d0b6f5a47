package dev.headroom.proxy;

import dev.headroom.stats.OutputSavingsEstimate;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.OptionalDouble;

/**
 * The output shaper's measured saving as Prometheus gauges, set from the savings history just before each scrape
 * (so they survive restarts as the history does): turns and mean output tokens per {@code arm}, output tokens saved
 * per turn with its 95% interval, the saving in percent, and whether it is measured (1) or not enough data (0).
 * A figure that cannot be computed yet is {@code NaN}.
 */
final class OutputSavingsGauges {
    private final Gauge turns;
    private final Gauge mean;
    private final Gauge saved;
    private final Gauge low;
    private final Gauge high;
    private final Gauge percent;
    private final Gauge measured;

    OutputSavingsGauges(PrometheusRegistry registry) {
        turns = Gauge.builder().name("headroom_output_holdout_turns").help("Turns counted in the output shaper's holdout, by arm.")
                .labelNames("arm").register(registry);
        mean = Gauge.builder().name("headroom_output_holdout_mean_output_tokens")
                .help("Mean output tokens per turn in the output shaper's holdout, by arm.").labelNames("arm").register(registry);
        saved = gauge(registry, "headroom_output_tokens_saved_per_turn",
                "Output tokens saved per turn by the output shaper (control minus treatment, stratified).");
        low = gauge(registry, "headroom_output_tokens_saved_per_turn_ci95_low", "Low end of the 95% interval of output tokens saved per turn.");
        high = gauge(registry, "headroom_output_tokens_saved_per_turn_ci95_high", "High end of the 95% interval of output tokens saved per turn.");
        percent = gauge(registry, "headroom_output_tokens_saved_percent", "Output tokens saved, in percent of the control arm's mean.");
        measured = gauge(registry, "headroom_output_savings_measured", "1 when both holdout arms have enough turns, else 0.");
    }

    /** Sets every gauge from {@code e}. */
    void set(OutputSavingsEstimate e) {
        turns.labelValues("control").set(e.control().turns());
        turns.labelValues("treatment").set(e.treatment().turns());
        mean.labelValues("control").set(e.control().meanOutputTokens());
        mean.labelValues("treatment").set(e.treatment().meanOutputTokens());
        saved.set(orNaN(e.savedPerTurn()));
        low.set(orNaN(e.low()));
        high.set(orNaN(e.high()));
        percent.set(orNaN(e.savedPercent()));
        measured.set(e.measured() ? 1 : 0);
    }

    private static double orNaN(OptionalDouble v) {
        return v.orElse(Double.NaN);
    }

    private static Gauge gauge(PrometheusRegistry registry, String name, String help) {
        return Gauge.builder().name(name).help(help).register(registry);
    }
}
