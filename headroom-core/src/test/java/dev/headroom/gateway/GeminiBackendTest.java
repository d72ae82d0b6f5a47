package dev.headroom.gateway;

import dev.headroom.spi.Usage;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiBackendTest {
    private final GeminiBackend backend = new GeminiBackend();

    private static Usage tap(String stream) {
        SseUsageTap tap = new SseUsageTap();
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        tap.accept(bytes, bytes.length);
        return tap.usage();
    }

    @Test
    void usageComesFromUsageMetadataWithCachedTokensAsCacheReads() {
        // generateContent answer of googleapis/js-genai test/system/recordings, plus a cached-content count
        String answer = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"hi\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"}],"
                + "\"usageMetadata\":{\"candidatesTokenCount\":6,\"promptTokenCount\":17,\"cachedContentTokenCount\":10,"
                + "\"thoughtsTokenCount\":3,\"totalTokenCount\":26},\"modelVersion\":\"gemini-2.0-flash\"}";
        assertThat(backend.usageFromResponse(JsonCodec.parse(answer))).contains(new Usage(7, 9, 10, 0));
        assertThat(backend.usageFromResponse(JsonCodec.parse("{\"candidates\":[]}"))).isEmpty();
    }

    @Test
    void errorsUseGooglesEnvelope() {
        assertThat(JsonCodec.parse(backend.errorBody(429, "rate_limit_error", "slow down")))
                .isEqualTo(JsonCodec.parse("{\"error\":{\"code\":429,\"message\":\"slow down\",\"status\":\"RESOURCE_EXHAUSTED\"}}"));
        assertThat(JsonCodec.parse(backend.errorBody(400, "invalid_request_error", "bad")).at("/error/status").asText())
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(JsonCodec.parse(backend.errorBody(502, "api_error", "gone")).at("/error/status").asText()).isEqualTo("INTERNAL");
    }

    @Test
    void theGoogleKeyHeaderIsAnAuthHeader() {
        assertThat(backend.isAuthHeader("x-goog-api-key")).isTrue();
        assertThat(backend.isAuthHeader("authorization")).isTrue();
        assertThat(backend.isAuthHeader("content-type")).isFalse();
    }

    @Test
    void sseUsageIsTheLastChunksSnapshot() {
        // chunks as recorded in js-genai's AFC streaming test: an earlier chunk reports a larger prompt count
        Usage usage = tap("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"I\"}],\"role\":\"model\"}}],"
                + "\"usageMetadata\":{\"promptTokenCount\":101,\"totalTokenCount\":101}}\r\n\r\n"
                + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\".\\n\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"}],"
                + "\"usageMetadata\":{\"candidatesTokenCount\":37,\"promptTokenCount\":27,\"totalTokenCount\":64}}\r\n\r\n");
        assertThat(usage).isEqualTo(new Usage(27, 37, 0, 0));
    }

    @Test
    void jsonArrayStreamUsageIsReadFromItsIndentedLines() {
        Usage usage = tap("[{\n  \"candidates\": [\n    {\n      \"content\": {\"parts\": [{\"text\": \"say \\\"promptTokenCount\\\": 999\"}]}\n"
                + "    }\n  ],\n  \"usageMetadata\": {\n    \"promptTokenCount\": 8,\n    \"cachedContentTokenCount\": 2,\n"
                + "    \"totalTokenCount\": 8\n  }\n}\n,\r\n{\n  \"usageMetadata\": {\n    \"promptTokenCount\": 8,\n"
                + "    \"candidatesTokenCount\": 12,\n    \"totalTokenCount\": 20\n  }\n}\n]");
        assertThat(usage).isEqualTo(new Usage(6, 12, 2, 0));
    }

    @Test
    void otherProvidersStreamsAreReadAsBefore() {
        assertThat(tap("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":4}}\n\n"))
                .isEqualTo(new Usage(20, 4, 0, 0));
    }
}
