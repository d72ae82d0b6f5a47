package dev.headroom.gateway;

import dev.headroom.wire.WireFormat;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiRoutesTest {
    private static final Headers NONE = Headers.empty();
    private static final Route GEMINI_MODEL = new Route(Provider.GEMINI, Optional.of(WireFormat.GEMINI));
    private static final Route GEMINI_PASS = new Route(Provider.GEMINI, Optional.empty());

    @Test
    void modelCallsUnderV1betaCarryAGeminiBody() {
        assertThat(Route.of("POST", "/v1beta/models/gemini-2.0-flash:generateContent", NONE)).isEqualTo(GEMINI_MODEL);
        assertThat(Route.of("POST", "/v1beta/models/gemini-2.5-pro:streamGenerateContent", NONE)).isEqualTo(GEMINI_MODEL);
        assertThat(Route.of("POST", "/v1beta/models/gemini-2.5-pro:countTokens", NONE)).isEqualTo(GEMINI_MODEL);
        assertThat(Route.of("POST", "/v1/models/gemini-2.0-flash:generateContent", NONE)).isEqualTo(GEMINI_MODEL);
    }

    @Test
    void otherGeminiPathsArePassedThrough() {
        assertThat(Route.of("GET", "/v1beta/models", NONE)).isEqualTo(GEMINI_PASS);
        assertThat(Route.of("GET", "/v1beta/models/gemini-2.0-flash", NONE)).isEqualTo(GEMINI_PASS);
        assertThat(Route.of("POST", "/v1beta/models/text-embedding-004:embedContent", NONE)).isEqualTo(GEMINI_PASS);
        assertThat(Route.of("GET", "/v1/models", Headers.builder().add("x-goog-api-key", "k").build())).isEqualTo(GEMINI_PASS);
    }

    @Test
    void openAiAndAnthropicPathsAreNotGemini() {
        assertThat(Route.of("GET", "/v1/models", NONE).provider()).isEqualTo(Provider.OPENAI);
        assertThat(Route.of("GET", "/v1/models/gpt-4o", NONE).provider()).isEqualTo(Provider.OPENAI);
        assertThat(Route.of("POST", "/v1/messages", NONE).provider()).isEqualTo(Provider.ANTHROPIC);
        assertThat(Route.of("GET", "/v1/models", Headers.builder().add("x-goog-api-key", "k").add("anthropic-version", "2023-06-01")
                .build()).provider()).isEqualTo(Provider.ANTHROPIC);
    }

    @Test
    void onlyTheStreamWithoutAltSseIsTheJsonArrayVariant() {
        assertThat(GeminiRoutes.jsonArrayStream("/v1beta/models/m:streamGenerateContent", "")).isTrue();
        assertThat(GeminiRoutes.jsonArrayStream("/v1beta/models/m:streamGenerateContent", "key=k&alt=json")).isTrue();
        assertThat(GeminiRoutes.jsonArrayStream("/v1beta/models/m:streamGenerateContent", "key=k&alt=sse")).isFalse();
        assertThat(GeminiRoutes.jsonArrayStream("/v1beta/models/m:generateContent", "")).isFalse();
    }

    @Test
    void theModelComesFromThePath() {
        assertThat(GeminiRoutes.model("/v1beta/models/gemini-2.0-flash:generateContent")).isEqualTo("gemini-2.0-flash");
        assertThat(GeminiRoutes.model("/v1beta/tunedModels/x")).isEmpty();
    }
}
