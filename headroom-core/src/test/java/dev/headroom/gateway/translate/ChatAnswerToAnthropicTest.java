package dev.headroom.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole answers and errors in the shapes of OpenAI's API reference (a {@code chat.completion} with
 * {@code tool_calls}, {@code usage.prompt_tokens_details.cached_tokens}) and of OpenRouter's documented error
 * body ({@code {"error":{"code":429,"message":…}}}).
 */
class ChatAnswerToAnthropicTest {

    @Test
    void toolCallsBecomeToolUseBlocksWithTheirIdsAndCachedTokensAreCacheReads() {
        JsonNode chat = JsonCodec.parse("{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion\","
                + "\"created\":1741569952,\"model\":\"gpt-4.1-2025-04-14\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"Checking.\",\"tool_calls\":[{\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"location\\\":\\\"Boston, MA\\\"}\"}}],\"refusal\":null,"
                + "\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":82,"
                + "\"completion_tokens\":17,\"total_tokens\":99,\"prompt_tokens_details\":{\"cached_tokens\":64,\"audio_tokens\":0}},"
                + "\"service_tier\":\"default\"}");
        JsonNode m = ChatAnswerToAnthropic.answer(chat, "claude-sonnet-4-5");
        assertThat(JsonCodec.write(m)).isEqualTo("{\"id\":\"msg_chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"gpt-4.1-2025-04-14\",\"content\":[{\"type\":\"text\",\"text\":\"Checking.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\",\"name\":\"get_weather\",\"input\":{\"location\":\"Boston, MA\"}}],"
                + "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":18,\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":64,\"output_tokens\":17}}");
    }

    @Test
    void finishReasonsMapToAnthropicStopReasons() {
        assertThat(ChatAnswerToAnthropic.stopReason("stop", false)).isEqualTo("end_turn");
        assertThat(ChatAnswerToAnthropic.stopReason("stop", true)).as("Ollama says stop with tool calls").isEqualTo("tool_use");
        assertThat(ChatAnswerToAnthropic.stopReason("length", false)).isEqualTo("max_tokens");
        assertThat(ChatAnswerToAnthropic.stopReason("tool_calls", true)).isEqualTo("tool_use");
        assertThat(ChatAnswerToAnthropic.stopReason("content_filter", false)).isEqualTo("refusal");
    }

    @Test
    void argumentsThatAreNotJsonAreKeptAsRawText() {
        assertThat(JsonCodec.write(ChatAnswerToAnthropic.arguments("{\"a\":"))).isEqualTo("{\"_raw\":\"{\\\"a\\\":\"}");
        assertThat(JsonCodec.write(ChatAnswerToAnthropic.arguments(""))).isEqualTo("{}");
    }

    @Test
    void errorsBecomeTheAnthropicEnvelopeWithTheTypeOfTheStatus() {
        byte[] openai = "{\"error\":{\"message\":\"Rate limit reached for gpt-4o\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(JsonCodec.write(ChatAnswerToAnthropic.error(429, openai))).isEqualTo(
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limit reached for gpt-4o\"}}");
        byte[] openrouter = "{\"error\":{\"code\":402,\"message\":\"Insufficient credits\",\"metadata\":{}}}".getBytes(StandardCharsets.UTF_8);
        assertThat(ChatAnswerToAnthropic.error(402, openrouter).at("/error/type").asText()).isEqualTo("permission_error");
        assertThat(ChatAnswerToAnthropic.error(500, "<html>oops</html>".getBytes(StandardCharsets.UTF_8)).at("/error/message").asText())
                .isEqualTo("<html>oops</html>");
        assertThat(ChatAnswerToAnthropic.error(503, new byte[0]).at("/error/message").asText()).isEqualTo("upstream answered HTTP 503");
        assertThat(ChatAnswerToAnthropic.error(503, new byte[0]).at("/error/type").asText()).isEqualTo("overloaded_error");
    }
}
