package dev.headroom.proxy;

import dev.headroom.spi.StatsSink;
import dev.headroom.spi.StatsSinkSettings;
import dev.headroom.stats.StatsSinks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Prometheus sink behind {@code /metrics} is found on the classpath like any stats sink. */
class PrometheusStatsSinkFactoryTest {

    @Test
    void thePrometheusSinkIsDiscoveredBesideTheAggregation(@TempDir Path home) {
        StatsSinkSettings settings = StatsSinkSettings.builder().home(home).build();
        try (StatsSinks sinks = StatsSinks.open(PrometheusStatsSinkFactoryTest.class.getClassLoader(), settings)) {
            assertThat(sinks.sinks()).extracting(StatsSink::name).containsExactly("prometheus", "stats");
            assertThat(sinks.find(PrometheusStatsSink.class)).isPresent();
        }
    }
}
