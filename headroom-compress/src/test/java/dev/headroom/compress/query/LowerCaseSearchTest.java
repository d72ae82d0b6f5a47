package dev.headroom.compress.query;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class LowerCaseSearchTest {
    /** ASCII with and without capitals, and characters whose lower case is another length or ASCII itself. */
    private static final String ALPHABET = "aAbBeEkKiIsSzZ09 _-:.İıσΣςßé\u212Aµ";

    @Test
    void findsANeedleWrittenInCapitalsInAnAsciiLine() {
        String line = "2026-12-07 ERROR [Orders-API] PaymentService: Card Declined";
        assertThat(contains(line, "paymentservice")).isTrue();
        assertThat(contains(line, "orders-api")).isTrue();
        assertThat(contains(line, "refund")).isFalse();
        assertThat(LowerCaseSearch.mask(line, List.of("refund", "declined", "error"))).isEqualTo(0b110L);
        assertThat(LowerCaseSearch.mask(line, List.of("warn", "card d"))).isEqualTo(0b10L);
    }

    @Test
    void aNeedleWithACapitalNeverOccursInALowerCasedText() {
        assertThat(contains("ERROR", "ERROR")).isFalse();
        assertThat(contains("error", "Error")).isFalse();
    }

    @Test
    void lowerCasesTextsThatAreNotAscii() {
        assertThat(contains("KELVIN \u212A", "kelvin k")).isTrue(); // the Kelvin sign lower-cases to k
        assertThat(contains("İSTANBUL", "istanbul")).isFalse(); // İ becomes i + U+0307
        assertThat(contains("İSTANBUL", "i\u0307stanbul")).isTrue();
    }

    @Property(seed = "20261208", tries = 5000)
    void answersAsLowerCasingTheTextDoes(@ForAll("texts") String text, @ForAll("needles") String needle,
                                         @ForAll("needles") String other) {
        String lower = text.toLowerCase(Locale.ROOT);
        assertThat(contains(text, needle)).as("%s / %s", text, needle).isEqualTo(lower.contains(needle));
        long expected = (lower.contains(needle) ? 1L : 0L) | (lower.contains(other) ? 2L : 0L);
        assertThat(LowerCaseSearch.mask(text, List.of(needle, other))).isEqualTo(expected);
    }

    @Property(seed = "20261208", tries = 2000)
    void findsEveryLowerCasedPieceOfAnAsciiText(@ForAll("asciiTexts") String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (int from = 0; from < lower.length(); from += 3) {
            String piece = lower.substring(from, Math.min(lower.length(), from + 4));
            assertThat(contains(text, piece)).as("%s / %s", text, piece).isTrue();
        }
    }

    /** One needle through {@link LowerCaseSearch#mask}. */
    private static boolean contains(String text, String needle) {
        return LowerCaseSearch.mask(text, List.of(needle)) == 1L;
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMinLength(0).ofMaxLength(24);
    }

    @Provide
    Arbitrary<String> asciiTexts() {
        return Arbitraries.strings().withChars("aAbBeEkKzZ09 _-:.".toCharArray()).ofMinLength(1).ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> needles() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMinLength(0).ofMaxLength(4)
                .map(s -> s.toLowerCase(Locale.ROOT));
    }
}
