package dev.headroom.stats;

import dev.headroom.spi.StatsSink;
import dev.headroom.spi.StatsSinkFactory;
import dev.headroom.spi.StatsSinkSettings;

import java.util.Optional;

/** A factory whose sink cannot be created, listed in {@code discovery/sinks-failing}. */
public final class FailingSinkFactory implements StatsSinkFactory {

    @Override
    public String name() {
        return "zz-failing";
    }

    @Override
    public Optional<StatsSink> create(StatsSinkSettings settings) {
        throw new IllegalStateException("the collector at example.invalid is unreachable");
    }
}
