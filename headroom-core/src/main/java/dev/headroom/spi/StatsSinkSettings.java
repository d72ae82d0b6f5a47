package dev.headroom.spi;

import dev.headroom.core.HeadroomHome;
import dev.headroom.stats.PriceTable;
import dev.headroom.stats.SavingsHistory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link StatsSinkFactory} is given: the host's settings for its statistics. Build with
 * {@link #builder()}; every setting has a default. A plugin sink that needs settings of its own reads them
 * from system properties or the environment, under a prefix of its own.
 *
 * @param prices           the price table dollar figures are computed with (default: built in)
 * @param clock            the time source of sinks that place records in time (default: system UTC)
 * @param home             the directory where sinks keep their files (default: {@link HeadroomHome#directory()})
 * @param stateless        true when no file may be written ({@code --stateless}): sinks then keep what they
 *                         keep in memory, or decline
 * @param requestLog       where the JSON-lines request log goes ({@code --log-file}), or empty for none
 * @param historyRetention how long the savings history keeps hourly rows ({@code --history-retention-days})
 */
public record StatsSinkSettings(PriceTable prices, Clock clock, Path home, boolean stateless,
                                Optional<Path> requestLog, Duration historyRetention) {

    public StatsSinkSettings {
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(requestLog, "requestLog");
        Objects.requireNonNull(historyRetention, "historyRetention");
        if (historyRetention.isNegative() || historyRetention.isZero()) {
            throw new IllegalArgumentException("historyRetention must be positive");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Nano-dollars {@code record} saved at {@link #prices()}: what a savings history adds up. */
    public long costSavedNanos(RequestRecord record) {
        return prices.cost(record.model(), record.usage(), record.tokensSaved()).savedNanos();
    }

    /** Builds {@link StatsSinkSettings}. */
    public static final class Builder {
        private PriceTable prices = PriceTable.builtIn();
        private Clock clock = Clock.systemUTC();
        private Path home;
        private boolean stateless;
        private Path requestLog;
        private Duration historyRetention = SavingsHistory.DEFAULT_RETENTION;

        private Builder() {
        }

        public Builder prices(PriceTable prices) {
            this.prices = prices;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        public Builder stateless(boolean stateless) {
            this.stateless = stateless;
            return this;
        }

        /** Where to append the request log; null for none. */
        public Builder requestLog(Path file) {
            this.requestLog = file;
            return this;
        }

        public Builder historyRetention(Duration retention) {
            this.historyRetention = retention;
            return this;
        }

        public StatsSinkSettings build() {
            return new StatsSinkSettings(prices, clock, home != null ? home : HeadroomHome.directory(), stateless,
                    Optional.ofNullable(requestLog), historyRetention);
        }
    }
}
