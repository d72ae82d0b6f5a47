package dev.headroom.shaper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ModelFamilyTest {

    @ParameterizedTest
    @CsvSource({
            "claude-opus-4-5, claude-opus",
            "claude-opus-4-1-20250805, claude-opus",
            "claude-3-5-sonnet-20241022, claude-sonnet",
            "claude-sonnet-4-5, claude-sonnet",
            "Claude-Haiku-4-5, claude-haiku",
            "anthropic/claude-3-opus-20240229, claude-opus",
            "claude-instant-1.2, claude",
            "gpt-4o-mini, gpt-4o",
            "gpt-4o-2024-08-06, gpt-4o",
            "gpt-4.1-nano, gpt-4.1",
            "gpt-5-codex, gpt-5",
            "openai/gpt-5, gpt-5",
            "o3, o-series",
            "o4-mini, o-series",
            "o1-preview, o-series",
            "gemini-2.5-pro, gemini-2.5",
            "llama-3.1-70b, llama",
            "openrouter, openrouter"})
    void familyComesFromTheModelName(String model, String family) {
        assertThat(ModelFamily.of(model)).isEqualTo(family);
    }

    @ParameterizedTest
    @CsvSource(value = {"''", "'  '", "'anthropic/'"})
    void anEmptyNameIsUnknown(String model) {
        assertThat(ModelFamily.of(model)).isEqualTo("unknown");
        assertThat(ModelFamily.of(null)).isEqualTo("unknown");
    }
}
