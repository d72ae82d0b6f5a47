package dev.headroom.gateway;

import dev.headroom.core.NoSuchBackendException;
import dev.headroom.spi.Backend;
import dev.headroom.spi.Providers;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendsTest {

    private static ClassLoader withPluginBackends() {
        URL dir = BackendsTest.class.getResource("/discovery/backends/");
        return new URLClassLoader(new URL[] {dir}, BackendsTest.class.getClassLoader());
    }

    @Test
    void builtInBackendsAreServiceLoaderProviders() {
        assertThat(Providers.discover(Backend.class, BackendsTest.class.getClassLoader()).providers())
                .extracting(Backend::getClass).containsExactlyInAnyOrder(AnthropicBackend.class, OpenAiBackend.class,
                        GeminiBackend.class, OpenRouterBackend.class, AnyLlmBackend.class);
        Backends backends = Backends.discover(BackendsTest.class.getClassLoader());
        assertThat(backends.names()).containsExactly("anthropic", "anyllm", "gemini", "openai", "openrouter");
        assertThat(backends.failures()).isEmpty();
    }

    @Test
    void aProviderTakingABuiltInNameReplacesItWhateverTheListingOrder() {
        Backends backends = Backends.discover(withPluginBackends());
        assertThat(backends.names()).containsExactly("anthropic", "anyllm", "echo", "gemini", "openai", "openrouter");
        assertThat(backends.byName("openai")).isInstanceOf(TestBackends.AlphaOpenAi.class);
        assertThat(backends.byName("anthropic")).isInstanceOf(AnthropicBackend.class);
        assertThat(backends.byName("echo")).isInstanceOf(TestBackends.Echo.class);
    }

    @Test
    void explicitBackendsAreUsedWithoutDiscovery() {
        Backends backends = Backends.of(List.of(new AnthropicBackend(), new TestBackends.Echo()));
        assertThat(backends.names()).containsExactly("anthropic", "echo");
        assertThatThrownBy(() -> backends.byName("openai"))
                .isInstanceOf(NoSuchBackendException.class).hasMessageContaining("available: anthropic, echo");
    }

    @Test
    void withReplacesTheBackendOfThatNameOrAddsIt() {
        Backends backends = Backends.of(List.of(new AnthropicBackend(), new OpenAiBackend()));
        AnthropicBackend configured = new AnthropicBackend();
        Backends replaced = backends.with(configured);
        assertThat(replaced.byName("anthropic")).isSameAs(configured);
        assertThat(backends.byName("anthropic")).as("the original is unchanged").isNotSameAs(configured);
        Backends added = backends.with(new TestBackends.Echo());
        assertThat(added.names()).containsExactly("anthropic", "echo", "openai");
        assertThat(backends.names()).containsExactly("anthropic", "openai");
    }
}
