package dev.headroom.compress.log;

import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.core.TextCompression;
import dev.headroom.spi.Compressor;
import dev.headroom.testkit.Corpus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test helper: compresses one corpus file as a single tool output through the real pipeline (content
 * detection included) with only the given compressor, prints the cl100k savings and checks a floor.
 */
public final class CorpusSavings {
    private CorpusSavings() {
    }

    /** The share of tokens saved, after asserting it is at least {@code floor}. */
    public static double assertSaves(String file, Compressor compressor, double floor) {
        HeadroomEngine engine = Headroom.builder().discoverCompressors(false).addCompressor(compressor).build();
        TextCompression result = engine.compressText(Corpus.read(file), "Bash", "", "claude-sonnet-4-5");
        int before = result.report().tokensBefore();
        int after = result.report().tokensAfter();
        double saved = before == 0 ? 0 : 1.0 - (double) after / before;
        System.out.printf("%-45s %-14s %7d -> %6d tokens  saved %5.1f%%%n", file, result.report().transform(),
                before, after, saved * 100);
        assertThat(saved).as("savings on %s (%s)", file, result.report().reason()).isGreaterThanOrEqualTo(floor);
        return saved;
    }
}
