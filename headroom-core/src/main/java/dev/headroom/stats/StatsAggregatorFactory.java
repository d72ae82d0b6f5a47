package dev.headroom.stats;

import dev.headroom.spi.StatsSink;
import dev.headroom.spi.StatsSinkFactory;
import dev.headroom.spi.StatsSinkSettings;

import java.util.Optional;

/** The built-in {@code stats} sink: a {@link StatsAggregator} at the settings' prices, always. */
public final class StatsAggregatorFactory implements StatsSinkFactory {

    @Override
    public String name() {
        return "stats";
    }

    @Override
    public Optional<StatsSink> create(StatsSinkSettings settings) {
        return Optional.of(new StatsAggregator(settings.prices()));
    }
}
