package dev.headroom.cli;

import dev.headroom.core.CompressionResult;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.testkit.Corpus;
import dev.headroom.tokens.JtokkitTokenCounter;
import dev.headroom.tokens.TokenCounter;
import dev.headroom.tokens.TokenizerFamily;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Savings per corpus category with every compressor on the classpath, the way {@code bench-corpus} measures
 * them (exact cl100k counts). The floors are issue 3's: a regression in any category fails the build.
 */
class CorpusFloorsTest {
    private static final TokenCounter EXACT = JtokkitTokenCounter.of(TokenizerFamily.CL100K);
    private static final Map<String, Double> FLOORS = Map.of("json", 0.60, "log", 0.60, "build", 0.70,
            "html", 0.75, "markdown", 0.30, "conversation", 0.35);

    @Test
    void everyCategoryMeetsItsFloor() throws IOException {
        HeadroomEngine engine = Headroom.builder().build();
        Map<String, long[]> totals = new LinkedHashMap<>();
        for (CorpusReport.Entry entry : CorpusReport.readManifest(Corpus.dir())) {
            String text = Corpus.read(entry.file());
            long before;
            long after;
            if (entry.category().equals("conversation")) {
                CompressionResult result = engine.compress(text);
                before = EXACT.count(JsonCodec.write(JsonCodec.parse(text)));
                after = EXACT.count(result.json());
            } else {
                before = EXACT.count(text);
                after = EXACT.count(engine.compressText(text, CorpusReport.toolFor(entry.category()), "", "claude-sonnet-4-5").text());
            }
            long[] t = totals.computeIfAbsent(entry.category(), k -> new long[2]);
            t[0] += before;
            t[1] += after;
        }
        assertThat(totals.keySet()).containsExactlyInAnyOrderElementsOf(FLOORS.keySet());
        totals.forEach((category, t) -> assertThat(1.0 - (double) t[1] / t[0])
                .as("savings on %s (%d -> %d tokens)", category, t[0], t[1]).isGreaterThanOrEqualTo(FLOORS.get(category)));
    }
}
