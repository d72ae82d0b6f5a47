package dev.headroom.retention;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class ContentHashChunkingTest {

    @Test
    void largeTextHashesAsItsWholeUtf8BytesEvenWithSurrogatePairsAtChunkEdges() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 200_000; i++) {
            sb.append(i % 7 == 0 ? "😀" : "é").append("line ").append(i).append('\n');
        }
        for (int shift = 0; shift < 3; shift++) {
            String text = "x".repeat(shift) + sb;
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));

            assertThat(ContentHash.sha256(text)).isEqualTo(expected);
            assertThat(ContentHash.of(text)).isEqualTo(HexFormat.of().formatHex(expected, 0, 12));
        }
    }

    @Test
    void rememberedDigestIsTheSameForTheSameTextAndNeverLeaksToAnotherText() {
        String a = "a".repeat(10_000);
        String copyOfA = new String(a.toCharArray());
        String b = "b".repeat(10_000);

        byte[] first = ContentHash.sha256(a);
        first[0] ^= 1; // callers get their own array
        assertThat(ContentHash.sha256(a)).isEqualTo(ContentHash.sha256(copyOfA));
        assertThat(ContentHash.sha256(b)).isNotEqualTo(ContentHash.sha256(a));
        assertThat(ContentHash.of(a)).isEqualTo(ContentHash.of(copyOfA));
    }
}
