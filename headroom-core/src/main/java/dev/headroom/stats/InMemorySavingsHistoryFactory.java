package dev.headroom.stats;

import dev.headroom.spi.StatsSink;
import dev.headroom.spi.StatsSinkFactory;
import dev.headroom.spi.StatsSinkSettings;

import java.util.Optional;

/**
 * The built-in {@code history} sink of a stateless host: an {@link InMemorySavingsHistory}. Without
 * {@link StatsSinkSettings#stateless()} it declines, leaving the history to a file-backed one (the SQLite
 * history of headroom-memory).
 */
public final class InMemorySavingsHistoryFactory implements StatsSinkFactory {

    @Override
    public String name() {
        return "history-memory";
    }

    @Override
    public Optional<StatsSink> create(StatsSinkSettings settings) {
        if (!settings.stateless()) {
            return Optional.empty();
        }
        return Optional.of(new InMemorySavingsHistory(settings.clock(), settings.historyRetention(),
                settings::costSavedNanos));
    }
}
