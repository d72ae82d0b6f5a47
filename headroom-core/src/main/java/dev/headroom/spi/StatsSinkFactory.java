package dev.headroom.spi;

import java.util.Optional;

/**
 * Creates a {@link StatsSink} that needs settings (a file, a price table, a clock), for sinks that
 * {@link java.util.ServiceLoader} cannot build with a no-argument constructor alone.
 *
 * <h2>Discovery</h2>
 * List the factory in {@code META-INF/services/dev.headroom.spi.StatsSinkFactory} (and in {@code provides}
 * of a {@code module-info} when the jar is a named module); it is found through {@link Providers}, as
 * compressors and backends are. Its constructor must be public, take no arguments and do nothing
 * expensive: the work happens in {@link #create}. A factory that cannot be loaded or instantiated is
 * reported by name and skipped. A sink that needs no settings can skip the factory and list itself in
 * {@code META-INF/services/dev.headroom.spi.StatsSink}.
 *
 * <h2>Selection</h2>
 * Every factory is asked, once per host ({@link dev.headroom.stats.StatsSinks#open}); each sink it creates
 * receives every record. Having none is fine.
 *
 * <h2>Built in</h2>
 * {@code stats} (the in-memory aggregation behind {@code /stats}) and {@code request-log} (JSON lines, when
 * {@link StatsSinkSettings#requestLog()} is set) and, with {@link StatsSinkSettings#stateless()}, an in-memory
 * {@code history} in headroom-core; {@code prometheus} in headroom-proxy; the SQLite {@code history} (when not
 * stateless) in headroom-memory.
 */
public interface StatsSinkFactory {

    /** A short stable name for reports, such as {@code "request-log"}. */
    String name();

    /**
     * The sink for these settings, or empty when the settings do not ask for one (no log file configured,
     * a file-backed sink under {@link StatsSinkSettings#stateless()}). A sink that holds resources should
     * implement {@link AutoCloseable}: the host closes it on shutdown.
     *
     * @throws RuntimeException when the settings ask for the sink but it cannot be created (an unwritable
     *                          log file); the host reports the message and does not start
     */
    Optional<StatsSink> create(StatsSinkSettings settings);
}
