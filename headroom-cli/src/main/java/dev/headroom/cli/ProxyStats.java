package dev.headroom.cli;

import dev.headroom.proxy.HeadroomProxyPlugin;
import dev.headroom.proxy.PrometheusStatsSink;
import dev.headroom.spi.StatsSink;
import dev.headroom.spi.StatsSinkSettings;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.stats.PriceTable;
import dev.headroom.stats.SavingsHistory;
import dev.headroom.stats.StatsAggregator;
import dev.headroom.stats.StatsSinks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proxy's numbers, built for {@code headroom proxy}: the price table (built in, or {@code --prices}) and
 * every stats sink found on the classpath ({@link StatsSinks}), among them the {@code /stats} aggregator, the
 * {@code /metrics} sink, the savings history and, with {@code --log-file}, the request log.
 */
final class ProxyStats implements AutoCloseable {
    private final PriceTable prices;
    private final StatsSinks sinks;
    private final StatsAggregator aggregator;
    private final PrometheusStatsSink metrics;
    private final SavingsHistory history;
    private final StatsSinkSettings settings;
    private SavingsHistory fleet;

    private ProxyStats(PriceTable prices, StatsSinks sinks, StatsSinkSettings settings) {
        this.prices = prices;
        this.settings = settings;
        this.sinks = sinks;
        this.aggregator = required(sinks, StatsAggregator.class);
        this.metrics = required(sinks, PrometheusStatsSink.class);
        this.history = required(sinks, SavingsHistory.class);
    }

    /**
     * @param pricesFile     a price table replacing the built-in one, or null
     * @param logFile        where to append the request log, or null for none
     * @param stateless      whether files must not be written (then a log file is refused)
     * @param historyRetention how long the savings history keeps hourly rows
     * @throws IllegalArgumentException when the price table is malformed or a log file is asked for with stateless
     * @throws RuntimeException         when a sink the settings ask for cannot be created
     */
    static ProxyStats open(Path pricesFile, Path logFile, boolean stateless, Duration historyRetention) throws IOException {
        if (logFile != null && stateless) {
            throw new IllegalArgumentException("--log-file writes a file, so it cannot be combined with --stateless");
        }
        PriceTable prices = pricesFile == null ? PriceTable.builtIn() : PriceTable.load(pricesFile);
        StatsSinkSettings settings = StatsSinkSettings.builder().prices(prices).stateless(stateless)
                .requestLog(logFile).historyRetention(historyRetention).build();
        StatsSinks sinks = StatsSinks.open(ProxyStats.class.getClassLoader(), settings);
        try {
            return new ProxyStats(prices, sinks, settings);
        } catch (RuntimeException e) {
            sinks.close();
            throw e;
        }
    }

    private static <T> T required(StatsSinks sinks, Class<T> type) {
        return sinks.find(type).orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName()
                + " among the stats sinks on the classpath; is a Headroom jar missing?"));
    }

    /**
     * Adds the fleet's savings history as one more sink when {@code --store} names a shared store (the instance's
     * own history stays as it is); call before {@link #sink()}. The store closes it.
     */
    void shareHistory(SharedStore shared) {
        fleet = shared.fleetHistory(settings.historyRetention(), settings::costSavedNanos).orElse(null);
    }

    /** Where the fleet's history is kept, when {@link #shareHistory} found a shared store. */
    Optional<String> fleetLocation() {
        return Optional.ofNullable(fleet).map(SavingsHistory::location);
    }

    /** The sink to hand the gateway: every discovered sink, then the fleet's history if any. */
    CompositeStatsSink sink() {
        if (fleet == null) {
            return sinks.composite();
        }
        List<StatsSink> all = new ArrayList<>(sinks.sinks());
        all.add(fleet);
        return new CompositeStatsSink(all);
    }

    /** The price table the numbers are computed from. */
    PriceTable prices() {
        return prices;
    }

    /** The savings history ({@code /stats-history}, the dashboard). */
    SavingsHistory history() {
        return history;
    }

    /** Mounts {@code /stats}, {@code /metrics} and {@code /stats-history} on the proxy plugin. */
    void configure(HeadroomProxyPlugin.Config config) {
        config.stats = aggregator;
        config.metrics = metrics;
        config.history = history;
        config.fleetHistory = fleet;
    }

    /** Closes every sink that holds a resource (request log, history file). */
    @Override
    public void close() {
        sinks.close();
    }
}
