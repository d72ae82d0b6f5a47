package dev.headroom.proxy;

import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;
import dev.headroom.spi.Usage;
import dev.headroom.stats.PriceTable;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus metrics for {@code /metrics}, kept with the official Prometheus Java client in a registry of
 * their own: counters of requests, tokens and dollars by {@code provider} and {@code model}, compressions and
 * tokens saved by {@code compressor}, and classic histograms of latency, Headroom's overhead, time to first
 * byte and compression ratio. There is no label per API key or per request; past {@value #MAX_MODELS}
 * distinct model names, further ones are counted as {@code other} so a client cannot grow the series without
 * bound.
 *
 * <p>Counters only ever grow: {@code POST /stats/reset} clears {@code /stats}, not these.
 */
public final class PrometheusStatsSink implements StatsSink {
    static final int MAX_MODELS = 100;
    private static final double[] SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
            30, 60, 120, 300};
    private static final double[] RATIOS = {0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1};

    private final PriceTable prices;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private final Counter requests = counter("headroom_requests", "Requests handled.");
    private final Counter failed = counter("headroom_requests_failed", "Requests answered with status 400 or more.");
    private final Counter compressed = counter("headroom_requests_compressed", "Requests in which something was compressed.");
    private final Counter cached = counter("headroom_requests_cached", "Requests served from the response cache.");
    private final Counter input = counter("headroom_input_tokens", "Input tokens reported by the provider.");
    private final Counter output = counter("headroom_output_tokens", "Output tokens reported by the provider.");
    private final Counter cacheRead = counter("headroom_cache_read_tokens", "Prompt-cache read tokens reported by the provider.");
    private final Counter cacheWrite = counter("headroom_cache_write_tokens", "Prompt-cache write tokens reported by the provider.");
    private final Counter before = counter("headroom_tokens_before", "Request tokens before compression (Headroom's count).");
    private final Counter saved = counter("headroom_tokens_saved", "Request tokens removed by compression.");
    private final Counter cost = counter("headroom_cost_usd", "Cost of the requests as sent, in US dollars, from the price table.");
    private final Counter costWithout = counter("headroom_cost_without_headroom_usd", "Cost the requests would have had without compression, in US dollars.");
    private final Counter costSaved = counter("headroom_cost_saved_usd", "US dollars saved by compression.");
    private final Counter compressions = Counter.builder().name("headroom_compressions").withoutExemplars()
            .help("Content units replaced, by compressor.").labelNames("compressor").register(registry);
    private final Counter compressorSaved = Counter.builder().name("headroom_compressor_tokens_saved").withoutExemplars()
            .help("Tokens saved, by compressor.").labelNames("compressor").register(registry);
    private final Histogram latency = histogram("headroom_request_latency_seconds", "Time from request received to response complete.", SECONDS);
    private final Histogram overhead = histogram("headroom_overhead_seconds", "Time Headroom added before forwarding.", SECONDS);
    private final Histogram ttfb = histogram("headroom_ttfb_seconds", "Time from request received to the upstream's first byte.", SECONDS);
    private final Histogram ratio = histogram("headroom_compression_ratio", "Request tokens after compression over tokens before.", RATIOS);

    public PrometheusStatsSink(PriceTable prices) {
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    private OutputSavingsGauges outputSavings;

    /** The output shaper's saving gauges in this registry, registered on first use. */
    synchronized OutputSavingsGauges outputSavingsGauges() {
        if (outputSavings == null) {
            outputSavings = new OutputSavingsGauges(registry);
        }
        return outputSavings;
    }

    /** The registry to scrape. */
    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public void record(RequestRecord r) {
        String provider = r.provider();
        String model = modelLabel(r.model());
        Usage u = r.usage();
        requests.labelValues(provider, model).inc();
        if (r.status() >= 400) {
            failed.labelValues(provider, model).inc();
        }
        if (!r.transforms().isEmpty()) {
            compressed.labelValues(provider, model).inc();
        }
        if (r.cached()) {
            cached.labelValues(provider, model).inc();
        }
        input.labelValues(provider, model).inc(u.inputTokens());
        output.labelValues(provider, model).inc(u.outputTokens());
        cacheRead.labelValues(provider, model).inc(u.cacheReadTokens());
        cacheWrite.labelValues(provider, model).inc(u.cacheWriteTokens());
        boolean answered = r.answered(); // a failed request saved nothing (RequestRecord#answered)
        before.labelValues(provider, model).inc(answered ? r.tokensBefore() : 0);
        saved.labelValues(provider, model).inc(Math.max(0, r.tokensSaved()));
        PriceTable.Cost c = prices.cost(r.model(), u, r.tokensSaved());
        cost.labelValues(provider, model).inc(PriceTable.Cost.usd(c.withHeadroomNanos()));
        costWithout.labelValues(provider, model).inc(PriceTable.Cost.usd(c.withoutHeadroomNanos()));
        costSaved.labelValues(provider, model).inc(PriceTable.Cost.usd(Math.max(0, c.savedNanos())));
        for (String transform : r.transforms()) {
            compressions.labelValues(compressorOf(transform)).inc();
        }
        for (Map.Entry<String, Long> e : answered ? r.savedByTransform().entrySet() : Map.<String, Long>of().entrySet()) {
            compressorSaved.labelValues(compressorOf(e.getKey())).inc(Math.max(0, e.getValue()));
        }
        latency.labelValues(provider, model).observe(r.latencyMillis() / 1000);
        overhead.labelValues(provider, model).observe(r.overheadMillis() / 1000);
        if (r.ttfbMillis() > 0) {
            ttfb.labelValues(provider, model).observe(r.ttfbMillis() / 1000);
        }
        if (r.tokensBefore() > 0) {
            ratio.labelValues(provider, model).observe((double) r.tokensAfter() / r.tokensBefore());
        }
    }

    private String modelLabel(String model) {
        String name = model == null || model.isBlank() ? "unknown" : model;
        if (models.contains(name)) {
            return name;
        }
        synchronized (models) {
            if (models.size() < MAX_MODELS) {
                models.add(name);
                return name;
            }
        }
        return "other";
    }

    private static String compressorOf(String transform) {
        int colon = transform.indexOf(':');
        return colon > 0 ? transform.substring(0, colon) : transform;
    }

    private Counter counter(String name, String help) {
        return Counter.builder().name(name).help(help).labelNames("provider", "model").withoutExemplars().register(registry);
    }

    private Histogram histogram(String name, String help, double[] bounds) {
        return Histogram.builder().name(name).help(help).labelNames("provider", "model").classicOnly()
                .classicUpperBounds(bounds).withoutExemplars().register(registry);
    }
}
