package dev.headroom.proxy;

import dev.headroom.spi.StatsSink;
import dev.headroom.spi.StatsSinkFactory;
import dev.headroom.spi.StatsSinkSettings;

import java.util.Optional;

/** The built-in {@code prometheus} sink behind {@code /metrics}: a {@link PrometheusStatsSink} at the settings' prices, always. */
public final class PrometheusStatsSinkFactory implements StatsSinkFactory {

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public Optional<StatsSink> create(StatsSinkSettings settings) {
        return Optional.of(new PrometheusStatsSink(settings.prices()));
    }
}
