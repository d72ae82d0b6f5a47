package dev.headroom.compress.text;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class MixedContentTest {

    @Property(seed = "20261126", tries = 60)
    void partsJoinBackIntoTheOriginal(@ForAll @IntRange(min = 1, max = 1_000_000) int seed) {
        String text = mixed(new SplittableRandom(seed));
        List<MixedContent.Part> parts = MixedContent.split(text, 200);
        List<String> texts = parts.stream().map(MixedContent.Part::text).toList();
        assertThat(String.join("\n", texts)).isEqualTo(text);
    }

    @Test
    void findsAnUnfencedJsonObjectBetweenParagraphs() {
        String json = "{\n  \"items\": [" + "1, ".repeat(200) + "1]\n}";
        List<MixedContent.Part> parts = MixedContent.split("Before the payload.\n" + json + "\nAfter it.", 200);
        assertThat(parts).extracting(MixedContent.Part::embedded).containsExactly(false, true, false);
        assertThat(parts.get(1).body()).isEqualTo(json);
    }

    @Test
    void leavesInvalidJsonAndSmallPartsInThePlainText() {
        String broken = "{\n  \"items\": [" + "1, ".repeat(200) + "1\n}";
        assertThat(MixedContent.split("Before.\n" + broken + "\nAfter.", 200)).hasSize(1);
        assertThat(MixedContent.split("Before.\n```json\n{\"a\": 1}\n```\nAfter.", 200)).hasSize(1);
    }

    @Test
    void leavesOrdinaryCodeBlocksAlone() {
        String code = "```java\n" + "int x = 1;\n".repeat(100) + "```";
        assertThat(MixedContent.split("Look:\n" + code + "\nDone.", 200)).hasSize(1);
    }

    private static String mixed(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + random.nextInt(6);
        for (int p = 0; p < parts; p++) {
            switch (random.nextInt(5)) {
                case 0 -> sb.append("```json\n[").append("{\"a\": 1},\n".repeat(30)).append("{\"a\": 2}]\n```\n");
                case 1 -> sb.append("{\n").append("  \"k\": \"v\",\n".repeat(30)).append("  \"z\": 0\n}\n");
                case 2 -> sb.append("2025-01-01T00:00:00Z INFO line of a log section\n".repeat(12));
                case 3 -> sb.append("```\nunclosed fence\n");
                default -> sb.append("Some prose line with words.\r\n\n   trailing   \n");
            }
        }
        return sb.toString().replace("\r\n", "\n");
    }
}
