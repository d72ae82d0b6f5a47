package dev.headroom.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests as Claude Code sends them (system blocks, tool results, images, cache_control) in Chat form. */
class AnthropicToChatTest {

    @Test
    void aClaudeCodeTurnBecomesSystemAssistantToolCallsAndToolMessages() {
        JsonNode anthropic = JsonCodec.parse("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":32000,\"stream\":true,"
                + "\"system\":[{\"type\":\"text\",\"text\":\"You are Claude Code.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"tools\":[{\"name\":\"Bash\",\"description\":\"Run\",\"input_schema\":{\"type\":\"object\"}},"
                + "{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],"
                + "\"tool_choice\":{\"type\":\"any\",\"disable_parallel_tool_use\":true},\"stop_sequences\":[\"END\"],"
                + "\"metadata\":{\"user_id\":\"u1\"},\"temperature\":0.5,\"top_k\":5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"ls\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBOR\"}}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"hm\",\"signature\":\"s\"},"
                + "{\"type\":\"text\",\"text\":\"Running.\"},{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"Bash\",\"input\":{\"command\":\"ls\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\",\"content\":[{\"type\":\"text\",\"text\":\"a.txt\"}],"
                + "\"cache_control\":{\"type\":\"ephemeral\"}},{\"type\":\"text\",\"text\":\"go on\"}]}]}");
        String chat = JsonCodec.write(AnthropicToChat.request(anthropic, m -> "litellm/" + m));
        assertThat(chat).isEqualTo("{\"model\":\"litellm/claude-sonnet-4-5\",\"messages\":["
                + "{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"You are Claude Code.\"}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"ls\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBOR\"}}]},"
                + "{\"role\":\"assistant\",\"content\":\"Running.\",\"tool_calls\":[{\"id\":\"toolu_01\",\"type\":\"function\","
                + "\"function\":{\"name\":\"Bash\",\"arguments\":\"{\\\"command\\\":\\\"ls\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"toolu_01\",\"content\":\"a.txt\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"go on\"}]}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"Bash\",\"description\":\"Run\",\"parameters\":{\"type\":\"object\"}}}],"
                + "\"tool_choice\":\"required\",\"parallel_tool_calls\":false,\"max_tokens\":32000,\"temperature\":0.5,"
                + "\"stop\":[\"END\"],\"user\":\"u1\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
    }

    @Test
    void aNamedToolChoiceAndSystemItemsInsideMessagesAreKept() {
        JsonNode anthropic = JsonCodec.parse("{\"model\":\"m\",\"max_tokens\":10,\"system\":\"be brief\","
                + "\"tools\":[{\"name\":\"Read\",\"input_schema\":{\"type\":\"object\"}}],\"tool_choice\":{\"type\":\"tool\",\"name\":\"Read\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"system\",\"content\":\"reminder\"}]}");
        JsonNode chat = AnthropicToChat.request(anthropic, m -> m);
        assertThat(chat.at("/messages/0").toString()).isEqualTo("{\"role\":\"system\",\"content\":\"be brief\"}");
        assertThat(chat.at("/messages/2").toString()).isEqualTo("{\"role\":\"system\",\"content\":\"reminder\"}");
        assertThat(chat.path("tool_choice").toString()).isEqualTo("{\"type\":\"function\",\"function\":{\"name\":\"Read\"}}");
        assertThat(chat.has("stream")).isFalse();
    }

    @Test
    void theSameRequestAlwaysTranslatesToTheSameBytes() {
        JsonNode anthropic = JsonCodec.parse("{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(JsonCodec.write(AnthropicToChat.request(anthropic, m -> m)))
                .isEqualTo(JsonCodec.write(AnthropicToChat.request(anthropic.deepCopy(), m -> m)));
    }
}
