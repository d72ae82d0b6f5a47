package dev.headroom.stats;

import dev.headroom.spi.StatsSink;
import dev.headroom.spi.StatsSinkFactory;
import dev.headroom.spi.StatsSinkSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/** The built-in {@code request-log} sink: a {@link JsonLinesRequestLog} when a request log file is set. */
public final class JsonLinesRequestLogFactory implements StatsSinkFactory {

    @Override
    public String name() {
        return "request-log";
    }

    /** @throws UncheckedIOException when the log file cannot be opened for appending */
    @Override
    public Optional<StatsSink> create(StatsSinkSettings settings) {
        if (settings.requestLog().isEmpty()) {
            return Optional.empty();
        }
        Path file = settings.requestLog().get();
        try {
            return Optional.of(new JsonLinesRequestLog(file, settings.clock()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the request log " + file + ": " + e, e);
        }
    }
}
