package dev.headroom.spi;

import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.core.NoSuchBackendException;
import dev.headroom.gateway.Backends;
import dev.headroom.pipeline.KeepHeadCompressor;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvidersTest {

    private static ClassLoader withBrokenPlugins() {
        URL dir = ProvidersTest.class.getResource("/discovery/broken/");
        return new URLClassLoader(new URL[] {dir}, ProvidersTest.class.getClassLoader());
    }

    @Test
    void reportsBrokenProvidersByNameAndLoadsTheRest() {
        Providers.Discovered<Compressor> found = Providers.discover(Compressor.class, withBrokenPlugins());
        assertThat(found.providers()).extracting(Compressor::name).contains("keep-head");
        assertThat(found.failures()).extracting(ProviderFailure::providerName)
                .contains("dev.headroom.spi.BrokenCompressor", "dev.headroom.spi.NoSuchCompressorClass");
        assertThat(found.failures().stream().map(ProviderFailure::describe))
                .anyMatch(d -> d.contains("missing license file"));
    }

    @Test
    void engineSkipsBrokenPluginAndStillCompresses() {
        HeadroomEngine engine = Headroom.builder().classLoader(withBrokenPlugins()).build();
        assertThat(engine.compressors()).extracting(Compressor::name).contains("keep-head").doesNotContain("broken");
        assertThat(engine.discoveryFailures()).isNotEmpty();
        String big = "line of output\n".repeat(100);
        String request = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"" + big.replace("\n", "\\n") + "\"}]}";
        assertThat(engine.compress(request).changed()).isTrue();
    }

    @Test
    void builderAddsAndRemovesProvidersExplicitly() {
        HeadroomEngine engine = Headroom.builder().classLoader(withBrokenPlugins()).removeCompressors("keep-head").build();
        assertThat(engine.compressors()).extracting(Compressor::name).doesNotContain("keep-head");
        HeadroomEngine explicit = Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor()).build();
        assertThat(explicit.compressors()).extracting(Compressor::name).containsExactly("keep-head");
    }

    @Test
    void ordersCompressorsByPriorityThenName() {
        Compressor low = named("b-low", 10);
        Compressor highB = named("b-high", 90);
        Compressor highA = named("a-high", 90);
        HeadroomEngine engine = Headroom.builder().discoverCompressors(false)
                .addCompressor(low).addCompressor(highB).addCompressor(highA).build();
        assertThat(engine.compressors()).extracting(Compressor::name).containsExactly("a-high", "b-high", "b-low");
    }

    @Test
    void unknownBackendNameListsTheAvailableOnes() {
        Backends backends = Backends.discover(ProvidersTest.class.getClassLoader());
        assertThat(backends.byName("anthropic").name()).isEqualTo("anthropic");
        assertThatThrownBy(() -> backends.byName("bedrock"))
                .isInstanceOf(NoSuchBackendException.class).hasMessageContaining("available: anthropic, anyllm, gemini, openai, openrouter");
    }

    private static Compressor named(String name, int priority) {
        return new Compressor() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public java.util.Set<ContentType> contentTypes() {
                return java.util.Set.of();
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public CompressorResult compress(ContentUnit unit, CompressionContext context) {
                return CompressorResult.declined("test");
            }
        };
    }
}
