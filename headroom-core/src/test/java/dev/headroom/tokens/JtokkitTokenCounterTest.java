package dev.headroom.tokens;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JtokkitTokenCounterTest {

    @Test
    void countsClaudeWithCl100kAndCurrentOpenAiWithO200k() {
        assertThat(JtokkitTokenCounter.forModel("claude-sonnet-4-5").encodingName()).isEqualTo("cl100k_base");
        assertThat(JtokkitTokenCounter.forModel("gpt-4o-mini").encodingName()).isEqualTo("o200k_base");
        assertThat(JtokkitTokenCounter.forModel("openai/gpt-5").encodingName()).isEqualTo("o200k_base");
        assertThat(JtokkitTokenCounter.forModel("gpt-4-turbo").encodingName()).isEqualTo("cl100k_base");
    }

    @Test
    void countsKnownText() {
        assertThat(JtokkitTokenCounter.of(TokenizerFamily.CL100K).count("hello world")).isEqualTo(2);
        assertThat(JtokkitTokenCounter.of(TokenizerFamily.CL100K).count("")).isZero();
    }

    @Test
    void countsLoneSurrogatesAsReplacementCharacter() {
        TokenCounter counter = JtokkitTokenCounter.of(TokenizerFamily.CL100K);
        assertThat(counter.count("a\uD800b")).isEqualTo(counter.count("a\uFFFDb"));
        assertThat(counter.count("\uDC00")).isEqualTo(counter.count("\uFFFD"));
        assertThat(JtokkitTokenCounter.wellFormed("ok 🙂")).isEqualTo("ok 🙂");
    }

    @Test
    void countsSpecialTokenTextAsOrdinaryText() {
        assertThat(JtokkitTokenCounter.of(TokenizerFamily.CL100K).count("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void memoizedCountEqualsDirectCount() {
        TokenCounter direct = JtokkitTokenCounter.of(TokenizerFamily.O200K);
        MemoizingTokenCounter memo = new MemoizingTokenCounter(direct, 4);
        String big = "The quick brown fox jumps over the lazy dog. ".repeat(200);
        assertThat(memo.count(big)).isEqualTo(direct.count(big));
        assertThat(memo.count(big)).isEqualTo(direct.count(big));
    }
}
