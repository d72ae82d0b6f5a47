package dev.headroom.gateway;

import dev.headroom.core.NoSuchBackendException;
import dev.headroom.spi.Backend;
import dev.headroom.spi.ProviderFailure;
import dev.headroom.spi.Providers;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The backends available to the gateway, selected by name. Discovered backends with the name of a
 * built-in one replace it, so a provider jar can override {@code anthropic} or {@code openai}.
 */
public final class Backends {
    private final Map<String, Backend> byName = new TreeMap<>();
    private final List<ProviderFailure> failures;

    private Backends(List<Backend> discovered, List<ProviderFailure> failures) {
        byName.put("anthropic", new AnthropicBackend());
        byName.put("openai", new OpenAiBackend());
        for (Backend backend : discovered) {
            byName.put(backend.name(), backend);
        }
        this.failures = List.copyOf(failures);
    }

    /** The built-in backends plus every one found by {@code loader}. */
    public static Backends discover(ClassLoader loader) {
        Providers.Discovered<Backend> found = Providers.discover(Backend.class, loader);
        return new Backends(found.providers(), found.failures());
    }

    /** The backend with this name. */
    public Backend byName(String name) {
        Backend backend = byName.get(name);
        if (backend == null) {
            throw new NoSuchBackendException(name, byName.keySet());
        }
        return backend;
    }

    /** Names of every available backend, sorted. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Backend providers that failed to load. */
    public List<ProviderFailure> failures() {
        return failures;
    }
}
