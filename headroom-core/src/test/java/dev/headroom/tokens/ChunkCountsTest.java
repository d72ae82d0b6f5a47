package dev.headroom.tokens;

import dev.headroom.testkit.Corpus;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Counting chunk by chunk must give exactly the tokenizer's count of the whole text, in both encodings. */
class ChunkCountsTest {
    /** Characters around which the pre-tokenizers of cl100k and o200k decide where pieces end. */
    private static final List<String> PIECES = List.of(
            "a", "Z", "word", " the", "The", "é", "中文", "ǅ", "ß", "x\u0301", "ª",
            "0", "12", "1234567", "½", "٣",
            " ", "  ", "\t", "\n", "\r\n", "\n\n", " \n", "\u00A0", "\u3000", "\u2028", "\u0085", "\u000B", "\u200A",
            "'s", "'S", "'ll", "'VE", "'re", "'", "it's", "we'LL",
            ".", ",", "/", "//", "-", "==", "{", "}\"", "\":", "(", "[", "…", "🙂", "👍🏽", "<|endoftext|>");

    @Test
    void countsEveryCorpusFileExactlyInBothEncodings() {
        List<String> files = new ArrayList<>();
        for (String folder : List.of("logs", "json", "build", "markdown", "html", "conversations")) {
            files.addAll(Corpus.files(folder));
        }
        assertThat(files).hasSizeGreaterThan(20);
        for (TokenizerFamily family : TokenizerFamily.values()) {
            JtokkitTokenCounter counter = JtokkitTokenCounter.of(family);
            for (String file : files) {
                String text = Corpus.read(file);
                assertThat(counter.count(text)).as(family + " " + file).isEqualTo(counter.countWhole(text));
                assertThat(counter.count(text)).as(family + " " + file + ", remembered chunks").isEqualTo(counter.countWhole(text));
            }
        }
    }

    @Property(seed = "20261207", tries = 3000)
    void countsGeneratedTextExactlyInBothEncodings(@ForAll("texts") String text) {
        for (TokenizerFamily family : TokenizerFamily.values()) {
            JtokkitTokenCounter counter = JtokkitTokenCounter.of(family);
            assertThat(counter.count(text)).as(family + " " + escaped(text)).isEqualTo(counter.countWhole(text));
        }
    }

    @Test
    void remembersRecurringShortChunksOnly() {
        List<String> tokenized = new ArrayList<>();
        ChunkCounts counts = new ChunkCounts(chunk -> {
            tokenized.add(chunk);
            return chunk.length();
        }, true);
        String longWord = " " + "x".repeat(ChunkCounts.MAX_REMEMBERED_CHARS);
        String text = "id=1 ok ok" + longWord + longWord + "\nok ok";
        assertThat(counts.count(text)).isEqualTo(text.length());
        assertThat(tokenized).containsExactly("id", "=", "1", " ok", longWord, longWord, "\n", "ok");
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(40).map(parts -> String.join("", parts));
    }

    private static String escaped(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return sb.toString();
    }
}
