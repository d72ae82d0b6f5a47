package dev.headroom.memory;

import dev.headroom.spi.StatsSink;
import dev.headroom.spi.StatsSinkFactory;
import dev.headroom.spi.StatsSinkSettings;

import java.util.Optional;

/**
 * The built-in {@code history} sink of a host that may write files: a {@link SqliteSavingsHistory} in
 * {@code history.db} under {@link StatsSinkSettings#home()}, priced and retained as the settings say. Under
 * {@link StatsSinkSettings#stateless()} it declines (headroom-core's in-memory history steps in).
 */
public final class SqliteSavingsHistoryFactory implements StatsSinkFactory {
    /** The file's name inside the settings' home directory. */
    public static final String FILE_NAME = "history.db";

    @Override
    public String name() {
        return "history-sqlite";
    }

    /** @throws HistoryStoreException when the file cannot be opened or has a newer schema */
    @Override
    public Optional<StatsSink> create(StatsSinkSettings settings) {
        if (settings.stateless()) {
            return Optional.empty();
        }
        return Optional.of(new SqliteSavingsHistory(settings.home().resolve(FILE_NAME), settings.clock(),
                settings.historyRetention(), settings::costSavedNanos));
    }
}
