package com.example.headroom.backend;

import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class OpenRouterBackendTest {
    private final OpenRouterBackend backend = new OpenRouterBackend();

    @Test
    void mapsClientPathsUnderApiKeepingTheQueryVerbatim() {
        assertThat(backend.upstreamUri(URI.create("https://openrouter.ai/"), "/v1/chat/completions", "a=1&b=%20"))
                .isEqualTo(URI.create("https://openrouter.ai/api/v1/chat/completions?a=1&b=%20"));
        assertThat(backend.upstreamUri(backend.defaultBaseUrl(), "/v1/models", ""))
                .isEqualTo(URI.create("https://openrouter.ai/api/v1/models"));
    }

    @Test
    void reportsErrorsWithTheStatusAsANumericCode() {
        assertThat(JsonCodec.parse(backend.errorBody(413, "request_too_large", "too big")))
                .isEqualTo(JsonCodec.parse("{\"error\":{\"code\":413,\"message\":\"too big\"}}"));
    }

    @Test
    void readsUsageAsOpenAiReportsIt() {
        String body = "{\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":7,\"prompt_tokens_details\":{\"cached_tokens\":40}}}";
        assertThat(backend.usageFromResponse(JsonCodec.parse(body))).hasValueSatisfying(u -> {
            assertThat(u.inputTokens()).isEqualTo(60);
            assertThat(u.outputTokens()).isEqualTo(7);
            assertThat(u.cacheReadTokens()).isEqualTo(40);
        });
    }
}
