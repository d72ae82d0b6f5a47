package dev.headroom.proxy;

import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.pipeline.KeepHeadCompressor;
import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.stats.InMemorySavingsHistory;
import dev.headroom.stats.PriceTable;
import dev.headroom.stats.SavingsHistory;
import dev.headroom.stats.StatsAggregator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * A standalone proxy on a loopback port with the stats wiring the proxy routes read: a {@link StatsAggregator}
 * ({@code /stats}), a {@link PrometheusStatsSink} ({@code /metrics}) and an in-memory savings history
 * ({@code /stats-history}), all on the built-in price table, then any extra sinks, then a {@link RecordLatch}
 * last, so that a permit means every other sink saw the record.
 */
final class StatsProxy implements AutoCloseable {
    final PriceTable prices;
    final StatsAggregator stats;
    final PrometheusStatsSink metrics;
    final SavingsHistory history;
    final RecordLatch recorded = new RecordLatch();
    final ProxyServer server;
    final ProxyClient http;

    private StatsProxy(Builder b) {
        prices = b.prices;
        stats = new StatsAggregator(prices);
        metrics = new PrometheusStatsSink(prices);
        history = new InMemorySavingsHistory(b.historyClock, SavingsHistory.DEFAULT_RETENTION,
                b.historyPricing != null ? b.historyPricing : pricing(prices));
        List<StatsSink> sinks = new ArrayList<>(List.of(stats, metrics, history));
        sinks.addAll(b.extraSinks);
        sinks.add(recorded);
        Gateway gateway = gateway(b.engine, b.config, new CompositeStatsSink(sinks));
        server = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false, c -> {
            c.stats = stats;
            c.metrics = metrics;
            c.history = history;
            b.plugin.accept(c);
        });
        http = new ProxyClient(server.port());
    }

    /** A proxy with the default engine (one {@link KeepHeadCompressor} of 3 lines) and nothing extra. */
    static StatsProxy start(GatewayConfig config) {
        return builder(config).start();
    }

    static Builder builder(GatewayConfig config) {
        return new Builder(config);
    }

    /** The engine every proxy test uses unless it says otherwise: only a {@link KeepHeadCompressor} of 3 lines. */
    static HeadroomEngine keepHeadEngine() {
        return Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor(3)).build();
    }

    /** A gateway with the {@link #keepHeadEngine()} and the backends on the test class path. */
    static Gateway gateway(GatewayConfig config, StatsSink sink) {
        return gateway(keepHeadEngine(), config, sink);
    }

    private static Gateway gateway(HeadroomEngine engine, GatewayConfig config, StatsSink sink) {
        return new Gateway(engine, config, Backends.discover(StatsProxy.class.getClassLoader()), sink);
    }

    /** Dollars one request saved, in nano-dollars, as the proxy prices its savings history. */
    static ToLongFunction<RequestRecord> pricing(PriceTable prices) {
        return r -> prices.cost(r.model(), r.usage(), r.tokensSaved()).savedNanos();
    }

    @Override
    public void close() {
        server.close();
        history.close();
    }

    /** Options of a {@link StatsProxy}; each has the default a test needs least often to change. */
    static final class Builder {
        private final GatewayConfig config;
        private final PriceTable prices = PriceTable.builtIn();
        private HeadroomEngine engine = keepHeadEngine();
        private Clock historyClock = Clock.systemUTC();
        private ToLongFunction<RequestRecord> historyPricing;
        private final List<StatsSink> extraSinks = new ArrayList<>();
        private Consumer<HeadroomProxyPlugin.Config> plugin = c -> { };

        private Builder(GatewayConfig config) {
            this.config = config;
        }

        Builder engine(HeadroomEngine engine) {
            this.engine = engine;
            return this;
        }

        /** The clock that places records in the history's hours; the system clock by default. */
        Builder historyClock(Clock clock) {
            this.historyClock = clock;
            return this;
        }

        /** How the history prices a record (nano-dollars saved); the built-in price table by default. */
        Builder historyPricing(ToLongFunction<RequestRecord> pricing) {
            this.historyPricing = pricing;
            return this;
        }

        /** A sink that sees every record after the stats wiring and before the latch. */
        Builder sink(StatsSink sink) {
            extraSinks.add(sink);
            return this;
        }

        /** Further plugin options, applied after the stats wiring (so they may replace it). */
        Builder plugin(Consumer<HeadroomProxyPlugin.Config> plugin) {
            this.plugin = plugin;
            return this;
        }

        StatsProxy start() {
            return new StatsProxy(this);
        }
    }
}
