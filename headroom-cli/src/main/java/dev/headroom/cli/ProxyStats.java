package dev.headroom.cli;

import dev.headroom.proxy.HeadroomProxyPlugin;
import dev.headroom.proxy.PrometheusStatsSink;
import dev.headroom.spi.StatsSink;
import dev.headroom.stats.JsonLinesRequestLog;
import dev.headroom.stats.PriceTable;
import dev.headroom.stats.StatsAggregator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proxy's numbers, built for {@code headroom proxy}: the price table (built in, or {@code --prices}), the
 * {@code /stats} aggregator, the {@code /metrics} sink and the optional {@code --log-file} request log.
 */
final class ProxyStats implements AutoCloseable {
    private final StatsAggregator aggregator;
    private final PrometheusStatsSink metrics;
    private final Optional<JsonLinesRequestLog> log;

    private ProxyStats(StatsAggregator aggregator, PrometheusStatsSink metrics, Optional<JsonLinesRequestLog> log) {
        this.aggregator = aggregator;
        this.metrics = metrics;
        this.log = log;
    }

    /**
     * @param pricesFile a price table replacing the built-in one, or null
     * @param logFile    where to append the request log, or null for none
     * @param stateless  whether files must not be written (then a log file is refused)
     * @throws IllegalArgumentException when the price table is malformed or a log file is asked for with stateless
     */
    static ProxyStats open(Path pricesFile, Path logFile, boolean stateless) throws IOException {
        if (logFile != null && stateless) {
            throw new IllegalArgumentException("--log-file writes a file, so it cannot be combined with --stateless");
        }
        PriceTable prices = pricesFile == null ? PriceTable.builtIn() : PriceTable.load(pricesFile);
        Optional<JsonLinesRequestLog> log = logFile == null ? Optional.empty() : Optional.of(new JsonLinesRequestLog(logFile));
        return new ProxyStats(new StatsAggregator(prices), new PrometheusStatsSink(prices), log);
    }

    /** The sinks to add to the gateway. */
    List<StatsSink> sinks() {
        List<StatsSink> sinks = new ArrayList<>(List.of(aggregator, metrics));
        log.ifPresent(sinks::add);
        return sinks;
    }

    /** The price table the numbers are computed from. */
    PriceTable prices() {
        return aggregator.prices();
    }

    /** Mounts {@code /stats} and {@code /metrics} on the proxy plugin. */
    void configure(HeadroomProxyPlugin.Config config) {
        config.stats = aggregator;
        config.metrics = metrics;
    }

    @Override
    public void close() {
        log.ifPresent(JsonLinesRequestLog::close);
    }
}
