package com.example.headroom.sink;

import dev.headroom.spi.StatsSink;
import dev.headroom.spi.StatsSinkFactory;
import dev.headroom.spi.StatsSinkSettings;

import java.util.Optional;

/**
 * Registers the {@link CsvRequestLog} with Headroom: listed in
 * {@code META-INF/services/dev.headroom.spi.StatsSinkFactory}, it is found when this jar is on the classpath
 * and writes {@value #FILE_NAME} in the host's Headroom home directory. A stateless host
 * ({@code --stateless}) writes no file, so there it declines.
 */
public final class CsvRequestLogFactory implements StatsSinkFactory {
    /** The file's name in {@link StatsSinkSettings#home()}. */
    public static final String FILE_NAME = "requests.csv";

    @Override
    public String name() {
        return "csv-log";
    }

    @Override
    public Optional<StatsSink> create(StatsSinkSettings settings) {
        if (settings.stateless()) {
            return Optional.empty();
        }
        return Optional.of(new CsvRequestLog(settings.home().resolve(FILE_NAME)));
    }
}
