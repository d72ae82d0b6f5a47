package dev.headroom.retention;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    @Property(seed = "20261208", tries = 3000)
    void encodesAPartAsGetBytesDoesLoneSurrogatesIncluded(@ForAll("mixed") String text) {
        byte[] out = new byte[text.length() * 3];
        for (int start = 0; start <= text.length(); start += 7) {
            String part = text.substring(start);
            int n = ContentHash.encodeUtf8(text, start, text.length(), out);
            assertThat(java.util.Arrays.copyOf(out, n)).isEqualTo(part.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void largeTextWithLoneSurrogatesHashesAsItsGetBytes() throws Exception {
        String text = ("id=\uD83D tail \uDE00 ok é ✓ " + "😀".repeat(3)).repeat(3_000);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        assertThat(ContentHash.sha256(new String(text.toCharArray()))).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> mixed() {
        return Arbitraries.strings().withChars("aZ09 \n\u00e9\u07ff\u0800\u2713\uffff\ud83d\ude00\udbff\udfff".toCharArray())
                .ofMinLength(0).ofMaxLength(30);
    }
}
