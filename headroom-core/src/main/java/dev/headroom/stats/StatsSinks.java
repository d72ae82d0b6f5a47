package dev.headroom.stats;

import dev.headroom.spi.ProviderFailure;
import dev.headroom.spi.Providers;
import dev.headroom.spi.StatsSink;
import dev.headroom.spi.StatsSinkFactory;
import dev.headroom.spi.StatsSinkSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The stats sinks of one host, found through {@link Providers}: every {@link StatsSink} listed as a provider
 * itself, and every sink a {@link StatsSinkFactory} creates for the host's {@link StatsSinkSettings}. They are
 * ordered by name, then class name, so the order never depends on the classpath. Hand {@link #composite()}
 * to the gateway; {@link #close()} closes every sink that is {@link AutoCloseable}.
 */
public final class StatsSinks implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.headroom");
    private static final Comparator<StatsSink> ORDER = Comparator.comparing(StatsSink::name)
            .thenComparing(s -> s.getClass().getName());

    private final List<StatsSink> sinks;
    private final List<ProviderFailure> failures;

    private StatsSinks(List<StatsSink> sinks, List<ProviderFailure> failures) {
        List<StatsSink> ordered = new ArrayList<>(sinks);
        ordered.sort(ORDER);
        this.sinks = List.copyOf(ordered);
        this.failures = List.copyOf(failures);
    }

    /**
     * Finds the sinks visible from {@code loader} and creates the factories' sinks.
     *
     * @throws RuntimeException from a factory whose sink the settings ask for but cannot be created; the sinks
     *                          created before it are closed again
     */
    public static StatsSinks open(ClassLoader loader, StatsSinkSettings settings) {
        Providers.Discovered<StatsSink> plain = Providers.discover(StatsSink.class, loader);
        Providers.Discovered<StatsSinkFactory> factories = Providers.discover(StatsSinkFactory.class, loader);
        List<StatsSink> sinks = new ArrayList<>(plain.providers());
        List<StatsSinkFactory> ordered = new ArrayList<>(factories.providers());
        ordered.sort(Comparator.comparing(StatsSinkFactory::name).thenComparing(f -> f.getClass().getName()));
        for (StatsSinkFactory factory : ordered) {
            try {
                factory.create(settings).ifPresent(sinks::add);
            } catch (RuntimeException e) {
                closeAll(sinks);
                throw e;
            }
        }
        List<ProviderFailure> failures = new ArrayList<>(plain.failures());
        failures.addAll(factories.failures());
        return new StatsSinks(sinks, failures);
    }

    /** The sinks, in order. */
    public List<StatsSink> sinks() {
        return sinks;
    }

    /** The first sink of this type, such as the {@link StatsAggregator} that {@code /stats} serves. */
    public <T> Optional<T> find(Class<T> type) {
        return sinks.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** Providers that could not be loaded or instantiated (already reported as warnings). */
    public List<ProviderFailure> failures() {
        return failures;
    }

    /** One sink that fans every record out to all of these. */
    public CompositeStatsSink composite() {
        return new CompositeStatsSink(sinks);
    }

    /** Closes every sink that is {@link AutoCloseable}, last first; a failure is reported and the rest still close. */
    @Override
    public void close() {
        closeAll(sinks);
    }

    private static void closeAll(List<StatsSink> sinks) {
        for (int i = sinks.size() - 1; i >= 0; i--) {
            if (sinks.get(i) instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "stats sink " + sinks.get(i).name() + " failed to close: " + e);
                }
            }
        }
    }
}
