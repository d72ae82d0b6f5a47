package dev.headroom.compress.search;

import dev.headroom.compress.code.CodeOutlineCompressor;
import dev.headroom.compress.diff.DiffCompressor;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.core.TextCompression;
import dev.headroom.spi.Compressor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The search, diff and code compressors are found by ServiceLoader and reached through content detection. */
class DiscoveredCompressorsTest {
    private final HeadroomEngine engine = HeadroomEngine.builder().build();

    @Test
    void registersTheSearchDiffAndCodeCompressors() {
        assertThat(engine.compressors()).extracting(Compressor::name).contains(
                new SearchResultsCompressor().name(), new DiffCompressor().name(), new CodeOutlineCompressor().name());
    }

    @Test
    void routesGrepOutputToTheSearchCompressor() {
        TextCompression result = engine.compressText(RepoSources.grep("return", 0), "Grep", "", "claude-sonnet-4-5");

        assertThat(result.report().transform()).isEqualTo("search:ranked");
    }

    @Test
    void routesAReadJavaFileToTheCodeOutline() {
        String source = RepoSources.read("headroom-core/src/main/java/dev/headroom/pipeline/CompressionPipeline.java");
        StringBuilder numbered = new StringBuilder();
        String[] lines = source.split("\n");
        for (int i = 0; i < lines.length; i++) {
            numbered.append(String.format("%6d\t%s%n", i + 1, lines[i]));
        }

        TextCompression result = engine.compressText(numbered.toString(), "Read", "what does compressText do?", "claude-sonnet-4-5");

        assertThat(result.report().transform()).isEqualTo("code:outline-java");
        assertThat(result.text()).contains("UnitMemo.Outcome known = memo.get(key);");
    }
}
