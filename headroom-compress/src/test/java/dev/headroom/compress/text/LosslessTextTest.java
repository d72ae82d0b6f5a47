package dev.headroom.compress.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LosslessTextTest {

    @Test
    void keepsBlankLinesInsideFencedCode() {
        String text = "Intro\n\n\n```\na\n\n\n\nb\n```\n\n\nEnd";
        assertThat(LosslessText.normalize(text, true)).isEqualTo("Intro\n\n```\na\n\n\n\nb\n```\n\nEnd");
    }

    @Test
    void keepsMarkdownHardBreaksOnlyInMarkdown() {
        assertThat(LosslessText.normalize("line one  \nline two", true)).isEqualTo("line one  \nline two");
        assertThat(LosslessText.normalize("line one  \nline two", false)).isEqualTo("line one\nline two");
    }

    @Test
    void collapsesOnlyRunsWorthCollapsing() {
        assertThat(LosslessText.normalize("ok\nok\nsame long line\nsame long line\n}\n}\n}", false))
                .isEqualTo("ok\nok\nsame long line [×2]\n} [×3]");
    }

    @Test
    void normalisesLineEndings() {
        assertThat(LosslessText.normalize("a\r\nb\rc\n", false)).isEqualTo("a\nb\nc");
    }
}
