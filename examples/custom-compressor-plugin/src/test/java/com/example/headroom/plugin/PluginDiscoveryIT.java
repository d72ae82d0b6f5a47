package com.example.headroom.plugin;

import dev.headroom.core.CompressionResult;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.spi.Compressor;
import dev.headroom.testkit.PluginJar;
import org.junit.jupiter.api.Test;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uses the packaged plugin jar as a host application would: on the classpath, the plugin is discovered
 * and used; off it, the defaults are back. The plugin's classes are deliberately not on this test's own
 * classpath (see the Failsafe configuration).
 */
class PluginDiscoveryIT {

    private static String requestWithPods() {
        String pods = AlignedColumnsCompressorTest.kubectlPods(150).replace("\n", "\\n");
        return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"which pod is crashing?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"kubectl\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"" + pods + "\"}]}";
    }

    @Test
    void pluginOnTheClasspathIsDiscoveredAndUsed() throws Exception {
        try (URLClassLoader withPlugin = PluginJar.onTopOf(PluginDiscoveryIT.class.getClassLoader())) {
            HeadroomEngine engine = Headroom.builder().classLoader(withPlugin).build();
            assertThat(engine.compressors()).first().extracting(Compressor::name).isEqualTo("aligned-columns");
            CompressionResult result = engine.compress(requestWithPods());
            assertThat(result.transforms()).containsExactly("aligned-columns:tabs");
            assertThat(result.json()).contains("CrashLoopBackOff");
        }
    }

    @Test
    void withoutThePluginTheDefaultsAreBack() {
        assertThat(Files.exists(Path.of("target/classes/META-INF/services/dev.headroom.spi.Compressor"))).isTrue();
        HeadroomEngine engine = Headroom.builder().classLoader(PluginDiscoveryIT.class.getClassLoader()).build();
        assertThat(engine.compressors()).extracting(Compressor::name).doesNotContain("aligned-columns").isNotEmpty();
        assertThat(engine.compress(requestWithPods()).transforms()).doesNotContain("aligned-columns:tabs");
    }
}
