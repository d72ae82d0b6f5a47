package dev.headroom.compress.json;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written number shape check answers exactly what the regular expression it replaced answers. */
class NumberLikeTest {
    private static final Pattern REFERENCE = Pattern.compile("[-+]?(?:\\d[\\d_]*)?(?:\\.\\d*)?(?:[eE][-+]?\\d+)?");

    @Test
    void readsNumbersAndRejectsTimestampsAndIds() {
        assertThat(JsonText.numberLike("-12.5e+3")).isTrue();
        assertThat(JsonText.numberLike("1_000")).isTrue();
        assertThat(JsonText.numberLike(".")).isTrue();
        assertThat(JsonText.numberLike("2026-03-01T10:00:00Z")).isFalse();
        assertThat(JsonText.numberLike("1e")).isFalse();
        assertThat(JsonText.numberLike("12a")).isFalse();
        assertThat(JsonText.numberLike("\u0661\u0662")).isFalse(); // Arabic-Indic digits are not \d
    }

    @Property(seed = "20261207", tries = 5000)
    void agreesWithTheRegularExpression(@ForAll("numberish") String value) {
        assertThat(JsonText.numberLike(value)).as(value).isEqualTo(REFERENCE.matcher(value).matches());
    }

    @Provide
    Arbitrary<String> numberish() {
        return Arbitraries.strings().withChars("0123456789-+._eE:Tx\u0661 ").ofMinLength(0).ofMaxLength(12);
    }
}
