package dev.headroom.compress.prose;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceSplitterTest {

    @Test
    void splitsAtTerminalPunctuationBeforeACapital() {
        assertThat(SentenceSplitter.split("ripgrep is fast. It searches files! Why? Because 2 threads help."))
                .containsExactly("ripgrep is fast.", "It searches files!", "Why?", "Because 2 threads help.");
    }

    @Test
    void keepsAbbreviationsVersionsAndCodeSpansTogether() {
        assertThat(SentenceSplitter.split("Use e.g. `rg -F. Done` on v0.7.1. Then stop. Dr. Watson agrees."))
                .containsExactly("Use e.g. `rg -F. Done` on v0.7.1.", "Then stop.", "Dr. Watson agrees.");
    }

    @Test
    void keepsAParentheticalWholeAndSplitsAfterIt() {
        assertThat(SentenceSplitter.split("(Note: One cause. Another cause.) So what happened here?"))
                .containsExactly("(Note: One cause. Another cause.)", "So what happened here?");
    }

    @Test
    void doesNotSplitBeforeALowercaseWord() {
        assertThat(SentenceSplitter.split("The file ends in .toml. and more")).hasSize(1);
    }
}
