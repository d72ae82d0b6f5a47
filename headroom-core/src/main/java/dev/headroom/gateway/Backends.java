package dev.headroom.gateway;

import dev.headroom.core.NoSuchBackendException;
import dev.headroom.spi.Backend;
import dev.headroom.spi.ProviderFailure;
import dev.headroom.spi.Providers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The backends available to the gateway, selected by name; an unknown name throws
 * {@link NoSuchBackendException}, which lists the available names.
 *
 * <p>{@link #discover} finds every {@link Backend} provider through {@link Providers}, the built-in
 * {@code anthropic} and {@code openai} included (they are listed in headroom-core's
 * {@code META-INF/services/dev.headroom.spi.Backend} like any third-party provider). When two providers
 * share a name, one that is not built into headroom-core wins, so a provider jar can replace
 * {@code anthropic} or {@code openai}; between two third-party providers of one name, the one whose class
 * name sorts first wins and a warning names both. The outcome never depends on classpath order.
 */
public final class Backends {
    private static final System.Logger LOG = System.getLogger("dev.headroom");
    private static final Set<Class<?>> BUILT_IN = Set.of(AnthropicBackend.class, OpenAiBackend.class, GeminiBackend.class);

    /** Built in for serving Anthropic clients through another provider ({@code --backend}). */
    private static final Set<Class<?>> BUILT_IN_MESSAGES = Set.of(OpenRouterBackend.class, AnyLlmBackend.class);

    private final Map<String, Backend> byName = new TreeMap<>();
    private final List<ProviderFailure> failures;

    private Backends(Collection<? extends Backend> candidates, List<ProviderFailure> failures) {
        List<Backend> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparing(Backends::builtIn)
                .thenComparing(b -> b.getClass().getName()));
        for (Backend backend : ordered) {
            Backend chosen = byName.putIfAbsent(backend.name(), backend);
            if (chosen == null) {
                continue;
            }
            if (builtIn(backend)) {
                LOG.log(System.Logger.Level.INFO, "Backend '" + backend.name() + "' is "
                        + chosen.getClass().getName() + ", replacing the built-in one");
            } else {
                LOG.log(System.Logger.Level.WARNING, "Two backends are named '" + backend.name() + "': using "
                        + chosen.getClass().getName() + ", ignoring " + backend.getClass().getName());
            }
        }
        this.failures = List.copyOf(failures);
    }

    private Backends(Map<String, Backend> chosen, List<ProviderFailure> failures) {
        this.byName.putAll(chosen);
        this.failures = List.copyOf(failures);
    }

    /**
     * These backends with {@code backend} in place of the one that has its name (or added when none has): for a
     * host that configures a provider itself, such as the proxy building the {@code bedrock} backend for its
     * {@code --region}. The discovery failures are kept.
     */
    public Backends with(Backend backend) {
        Map<String, Backend> chosen = new TreeMap<>(byName);
        chosen.put(backend.name(), backend);
        return new Backends(chosen, failures);
    }

    private static boolean builtIn(Backend backend) {
        return BUILT_IN.contains(backend.getClass()) || BUILT_IN_MESSAGES.contains(backend.getClass());
    }

    /** Every backend provider visible from {@code loader}, the built-in ones included. */
    public static Backends discover(ClassLoader loader) {
        Providers.Discovered<Backend> found = Providers.discover(Backend.class, loader);
        return new Backends(found.providers(), found.failures());
    }

    /** Exactly these backends, without discovery (for tests and embedding applications); same name rules. */
    public static Backends of(Collection<? extends Backend> backends) {
        return new Backends(backends, List.of());
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
