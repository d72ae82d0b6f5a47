package dev.headroom.spi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The one place where Headroom's SPIs are discovered with {@link ServiceLoader}.
 *
 * <p>A provider that cannot be loaded or whose constructor throws is reported by name (in
 * {@link Discovered#failures()} and as a warning on the {@code dev.headroom} system logger) and skipped; the
 * other providers still load.
 */
public final class Providers {
    private static final System.Logger LOG = System.getLogger("dev.headroom");

    private Providers() {
    }

    /** The providers found and the ones that failed. */
    public record Discovered<T>(List<T> providers, List<ProviderFailure> failures) {
        public Discovered {
            providers = List.copyOf(providers);
            failures = List.copyOf(failures);
        }
    }

    /** Discovers every provider of {@code service} visible from {@code loader}. */
    public static <T> Discovered<T> discover(Class<T> service, ClassLoader loader) {
        List<T> found = new ArrayList<>();
        List<ProviderFailure> failures = new ArrayList<>();
        Iterator<ServiceLoader.Provider<T>> it = ServiceLoader.load(service, loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<T> provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                failures.add(report(service, nameFrom(e), e));
                continue;
            }
            try {
                found.add(provider.get());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failures.add(report(service, provider.type().getName(), e));
            }
        }
        return new Discovered<>(found, failures);
    }

    private static ProviderFailure report(Class<?> service, String name, Throwable e) {
        ProviderFailure failure = new ProviderFailure(name, e);
        LOG.log(System.Logger.Level.WARNING, "Skipping " + service.getSimpleName() + " provider "
                + failure.describe());
        return failure;
    }

    /** ServiceLoader names the provider in its message: "Provider a.b.C could not be ...". */
    private static String nameFrom(ServiceConfigurationError e) {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("Provider ");
        if (at >= 0) {
            int start = at + "Provider ".length();
            int end = message.indexOf(' ', start);
            return message.substring(start, end < 0 ? message.length() : end);
        }
        return message;
    }
}
