package dev.headroom.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chunk streams in the shape OpenAI's API sends them, as recorded in openai-python's streaming test snapshots
 * (tests/lib/chat/test_completions_streaming.py, .inline-snapshot/external/*.bin: a first chunk with
 * {@code role} and {@code content:null} or {@code ""}, tool calls opened by a fragment with {@code id},
 * {@code type} and {@code name} and {@code arguments:""}, a finish chunk with an empty delta, then
 * {@code choices:[]} with {@code usage}, then {@code [DONE]}).
 */
class ChatChunksToAnthropicTest {
    private static final String HEAD = "{\"id\":\"chatcmpl-9tXjp\",\"object\":\"chat.completion.chunk\",\"created\":1723024757,"
            + "\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_2a322c9ffc\",";

    private static String chunk(String delta, String finish) {
        return HEAD + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
    }

    private static String usage(int prompt, int completion) {
        return HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (prompt + completion) + "}}";
    }

    private static String toolFragment(int index, String id, String name, String arguments) {
        String head = id == null ? "" : "\"id\":\"" + id + "\",\"type\":\"function\",";
        String fn = (name == null ? "" : "\"name\":\"" + name + "\",") + "\"arguments\":" + JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(arguments));
        return "{\"tool_calls\":[{\"index\":" + index + "," + head + "\"function\":{" + fn + "}}]}";
    }

    private static List<String> names(String sse) {
        List<String> names = new ArrayList<>();
        for (String block : sse.split("\n\n")) {
            if (block.startsWith("event: ")) {
                names.add(block.substring(7, block.indexOf('\n')));
            }
        }
        return names;
    }

    @Test
    void twoParallelToolCallsBecomeTwoToolUseBlocksWithTheirIdsAndArgumentFragments() {
        ChatChunksToAnthropic t = new ChatChunksToAnthropic("claude-sonnet-4-5");
        StringBuilder out = new StringBuilder();
        for (String data : List.of(
                chunk("{\"role\":\"assistant\",\"content\":null}", null),
                chunk(toolFragment(0, "call_lQnnsesjFMWMQ5IeWPHzR4th", "GetWeatherArgs", ""), null),
                chunk(toolFragment(0, null, null, "{\"ci"), null),
                chunk(toolFragment(0, null, null, "ty\": \"Edinburgh\"}"), null),
                chunk(toolFragment(1, "call_2xjOUgaCdiwAcl9ZBL9LyMUU", "get_stock_price", ""), null),
                chunk(toolFragment(1, null, null, "{\"ticker\": \"AAPL\"}"), null),
                chunk("{}", "tool_calls"),
                usage(149, 60),
                "[DONE]")) {
            out.append(t.accept(data));
        }
        assertThat(t.finished()).isTrue();
        assertThat(names(out.toString())).containsExactly("message_start",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        AnthropicStreamAccumulator acc = new AnthropicStreamAccumulator();
        acc.feed(out.toString());
        JsonNode message = acc.message();
        assertThat(message.path("id").asText()).isEqualTo("msg_chatcmpl-9tXjp");
        assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.at("/content/0/id").asText()).isEqualTo("call_lQnnsesjFMWMQ5IeWPHzR4th");
        assertThat(message.at("/content/0/input/city").asText()).isEqualTo("Edinburgh");
        assertThat(message.at("/content/1/name").asText()).isEqualTo("get_stock_price");
        assertThat(message.at("/content/1/input/ticker").asText()).isEqualTo("AAPL");
        assertThat(message.at("/usage/input_tokens").asLong()).isEqualTo(149);
        assertThat(message.at("/usage/output_tokens").asLong()).isEqualTo(60);
        assertThat(t.accept("[DONE]")).isEmpty();
        assertThat(t.finish()).as("finishing twice adds nothing").isEmpty();
    }

    @Test
    void textDeltasGoIntoOneTextBlockAndTheStopReasonIsEndTurn() {
        ChatChunksToAnthropic t = new ChatChunksToAnthropic("claude");
        StringBuilder out = new StringBuilder();
        for (String data : List.of(chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null),
                chunk("{\"content\":\"I'm\"}", null), chunk("{\"content\":\" unable\"}", null),
                chunk("{}", "stop"), usage(14, 30), "[DONE]")) {
            out.append(t.accept(data));
        }
        assertThat(names(out.toString())).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        AnthropicStreamAccumulator acc = new AnthropicStreamAccumulator();
        acc.feed(out.toString());
        assertThat(acc.message().at("/content/0/text").asText()).isEqualTo("I'm unable");
        assertThat(acc.message().path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(acc.message().path("model").asText()).isEqualTo("gpt-4o-2024-08-06");
    }

    @Test
    void lengthBecomesMaxTokensAndAStreamWithoutDoneEndsOnFinish() {
        ChatChunksToAnthropic t = new ChatChunksToAnthropic("claude");
        String out = t.accept(chunk("{\"content\":\"abc\"}", null)) + t.accept(chunk("{}", "length"));
        assertThat(t.finishReasonSeen()).isTrue();
        out += t.finish();
        AnthropicStreamAccumulator acc = new AnthropicStreamAccumulator();
        acc.feed(out);
        assertThat(acc.message().path("stop_reason").asText()).isEqualTo("max_tokens");
    }

    @Test
    void anErrorChunkBecomesAnAnthropicErrorEventAndEndsTheStream() {
        ChatChunksToAnthropic t = new ChatChunksToAnthropic("claude");
        String first = t.accept(chunk("{\"content\":\"par\"}", null));
        // OpenRouter's mid-stream error shape: {"error":{"code":…,"message":…}}
        String error = t.accept("{\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"error\":{\"code\":502,\"message\":\"Provider returned error\"}}");
        assertThat(first).startsWith("event: message_start");
        assertThat(error).startsWith("event: error\ndata: ");
        JsonNode data = JsonCodec.parse(error.substring(error.indexOf("data: ") + 6).strip());
        assertThat(data.at("/error/type").asText()).isEqualTo("api_error");
        assertThat(data.at("/error/message").asText()).isEqualTo("Provider returned error");
        assertThat(t.finished()).isTrue();
        assertThat(t.accept(chunk("{\"content\":\"more\"}", null))).isEmpty();
    }

    @Test
    void noChunksAtAllStillMakeACompleteEmptyMessage() {
        ChatChunksToAnthropic t = new ChatChunksToAnthropic("claude-x");
        AnthropicStreamAccumulator acc = new AnthropicStreamAccumulator();
        acc.feed(t.finish());
        assertThat(acc.message().path("content")).isEmpty();
        assertThat(acc.message().path("model").asText()).isEqualTo("claude-x");
    }
}
