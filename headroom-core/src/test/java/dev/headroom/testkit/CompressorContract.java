package dev.headroom.testkit;

import dev.headroom.retention.Marker;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.tokens.JtokkitTokenCounter;
import dev.headroom.tokens.TokenCounter;
import dev.headroom.tokens.TokenizerFamily;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The rules every {@link Compressor} must keep, checked on the implementation's own fixtures and on hostile
 * input. Every compressor test extends this class:
 *
 * <pre>{@code
 * class LogCompressorTest extends CompressorContract {
 *     protected Compressor newCompressor() { return new LogCompressor(); }
 *     protected List<ContentUnit> samples() { return List.of(ContentUnit.of(log, ContentType.LOG)); }
 * }
 * }</pre>
 */
public abstract class CompressorContract {
    private static final TokenCounter TOKENS = JtokkitTokenCounter.of(TokenizerFamily.CL100K);

    /** A fresh instance of the compressor under test. */
    protected abstract Compressor newCompressor();

    /**
     * Realistic inputs that the compressor handles (at least one should actually be compressed), typed as
     * content detection would type them.
     */
    protected abstract List<ContentUnit> samples();

    /** Inputs the compressor must decline. By default: empty and blank text of each type it handles. */
    protected List<ContentUnit> unhandledSamples() {
        List<ContentUnit> units = new ArrayList<>();
        for (ContentType type : handledTypes()) {
            units.add(ContentUnit.of("", type));
            units.add(ContentUnit.of("  \n\t \n", type));
        }
        return units;
    }

    private List<ContentType> handledTypes() {
        var types = newCompressor().contentTypes();
        return types.isEmpty() ? List.of(ContentType.values()) : List.copyOf(types);
    }

    private static CompressorResult run(Compressor compressor, ContentUnit unit, TestContext context) {
        CompressorResult result = compressor.compress(unit, context);
        assertThat(result).as("compress must never return null").isNotNull();
        return result;
    }

    @Test
    void compressesAtLeastOneSample() {
        Compressor compressor = newCompressor();
        boolean any = samples().stream().anyMatch(u -> !run(compressor, u, TestContext.standard()).isDeclined());
        assertThat(any).as("at least one sample is compressed").isTrue();
    }

    @Test
    void neverInflates() {
        Compressor compressor = newCompressor();
        for (ContentUnit unit : samples()) {
            CompressorResult result = run(compressor, unit, TestContext.standard());
            if (!result.isDeclined()) {
                assertThat(TOKENS.count(result.text())).as("tokens of %s output", result.transform())
                        .isLessThanOrEqualTo(TOKENS.count(unit.text()));
            }
        }
    }

    @Test
    void isDeterministicAcrossCallsAndInstances() {
        Compressor first = newCompressor();
        Compressor second = newCompressor();
        for (ContentUnit unit : samples()) {
            String a = run(first, unit, TestContext.standard()).toString();
            CompressorResult r1 = run(first, unit, TestContext.standard());
            CompressorResult r2 = run(second, unit, TestContext.standard());
            assertThat(r1.isDeclined()).isEqualTo(r2.isDeclined());
            if (!r1.isDeclined()) {
                assertThat(r2.text()).isEqualTo(r1.text());
                assertThat(r2.transform()).isEqualTo(r1.transform());
            }
            assertThat(run(first, unit, TestContext.standard()).toString()).isEqualTo(a);
        }
    }

    @Test
    void keepsNonEmptyOutputNonEmpty() {
        Compressor compressor = newCompressor();
        for (ContentUnit unit : samples()) {
            CompressorResult result = run(compressor, unit, TestContext.standard());
            if (!result.isDeclined()) {
                assertThat(result.text()).isNotBlank();
            }
        }
    }

    @Test
    void declinesWhatItCannotHandle() {
        Compressor compressor = newCompressor();
        for (ContentUnit unit : unhandledSamples()) {
            assertThat(run(compressor, unit, TestContext.standard()).isDeclined())
                    .as("declines %s %s", unit.type(), abbreviate(unit.text())).isTrue();
        }
    }

    @Test
    void emitsNoMarkerInLosslessMode() {
        Compressor compressor = newCompressor();
        for (ContentUnit unit : samples()) {
            CompressorResult result = run(compressor, unit, TestContext.standard().withLossless(true));
            if (!result.isDeclined()) {
                assertThat(Marker.containsMarker(result.text())).as("marker in lossless output").isFalse();
            }
        }
    }

    @Test
    void emitsNoMarkerWithoutRetention() {
        Compressor compressor = newCompressor();
        for (ContentUnit unit : samples()) {
            CompressorResult result = run(compressor, unit, TestContext.standard().withRetention(false));
            if (!result.isDeclined()) {
                assertThat(Marker.containsMarker(result.text())).as("marker without retention").isFalse();
            }
        }
    }

    @Test
    void everyMarkerRedeemsToStoredOriginal() {
        Compressor compressor = newCompressor();
        for (ContentUnit unit : samples()) {
            TestContext context = TestContext.standard();
            CompressorResult result = run(compressor, unit, context);
            if (!result.isDeclined()) {
                for (String hash : Marker.hashesIn(result.text())) {
                    assertThat(context.store().get(hash)).as("original for marker %s", hash).isPresent();
                }
            }
        }
    }

    @Test
    void neverThrowsOnHostileInput() {
        Compressor compressor = newCompressor();
        List<String> hostile = new ArrayList<>(List.of(
                "", "\u0000\u0001\u0002", "{", "[", "{\"a\":", "[1,2,", "<html><body><div>", "```\nunclosed",
                "diff --git a/x b/x\n@@ -1 +1 @@", "a:1:", "\uD83D\uDE00".repeat(500), "x".repeat(200_000),
                "\n".repeat(10_000), "[" .repeat(3000) + "]".repeat(3000), "\uD800 lone surrogate",
                "{\"a\":[" + "1,".repeat(5000) + "1]}", "null", "12345", "\"just a string\""));
        SplittableRandom random = new SplittableRandom(20261126L);
        for (int i = 0; i < 40; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(1, 3000);
            for (int j = 0; j < length; j++) {
                sb.append((char) (random.nextBoolean() ? random.nextInt(32, 127) : random.nextInt(0, 0x3000)));
            }
            hostile.add(sb.toString());
        }
        for (String text : hostile) {
            for (ContentType type : handledTypes()) {
                ContentUnit unit = ContentUnit.of(text, type);
                assertThatCode(() -> run(compressor, unit, TestContext.standard().withQuery("error")))
                        .as("compress(%s, %s)", type, abbreviate(text)).doesNotThrowAnyException();
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
