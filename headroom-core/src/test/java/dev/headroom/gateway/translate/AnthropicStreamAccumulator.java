package dev.headroom.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;

import java.util.HashMap;
import java.util.Map;

/**
 * Builds the final message out of Anthropic stream events the way Anthropic's SDKs do (MessageStream's
 * accumulation): content blocks by index, text deltas appended, {@code input_json_delta} fragments joined and
 * parsed at the block's stop, stop reason and usage from {@code message_delta}.
 */
final class AnthropicStreamAccumulator {
    private ObjectNode message;
    private final Map<Integer, StringBuilder> json = new HashMap<>();
    private boolean stopped;
    private JsonNode error;

    /** Feeds SSE text (whole events). */
    void feed(String sse) {
        for (String block : sse.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (data != null) {
                event(name, JsonCodec.parse(data));
            }
        }
    }

    private void event(String name, JsonNode data) {
        if (!data.path("type").asText().equals(name)) {
            throw new AssertionError("event name " + name + " does not match its data type " + data.path("type"));
        }
        if (stopped) {
            throw new AssertionError("event after message_stop: " + data);
        }
        switch (name) {
            case "message_start" -> {
                if (message != null) {
                    throw new AssertionError("second message_start");
                }
                message = data.get("message").deepCopy();
            }
            case "content_block_start" -> {
                ArrayNode content = (ArrayNode) message.get("content");
                int index = data.path("index").asInt();
                if (index != content.size()) {
                    throw new AssertionError("block " + index + " started out of order");
                }
                content.add(data.get("content_block").deepCopy());
            }
            case "content_block_delta" -> {
                int index = data.path("index").asInt();
                ObjectNode block = (ObjectNode) message.get("content").get(index);
                JsonNode delta = data.get("delta");
                switch (delta.path("type").asText()) {
                    case "text_delta" -> block.put("text", block.path("text").asText() + delta.path("text").asText());
                    case "input_json_delta" -> json.computeIfAbsent(index, i -> new StringBuilder()).append(delta.path("partial_json").asText());
                    default -> throw new AssertionError("unknown delta " + delta);
                }
            }
            case "content_block_stop" -> {
                int index = data.path("index").asInt();
                ObjectNode block = (ObjectNode) message.get("content").get(index);
                if (block.path("type").asText().equals("tool_use")) {
                    StringBuilder args = json.get(index);
                    block.set("input", ChatAnswerToAnthropic.arguments(args == null ? "" : args.toString()));
                }
            }
            case "message_delta" -> {
                message.set("stop_reason", data.path("delta").path("stop_reason"));
                message.set("stop_sequence", data.path("delta").path("stop_sequence"));
                ObjectNode usage = (ObjectNode) message.get("usage");
                data.path("usage").fields().forEachRemaining(e -> usage.set(e.getKey(), e.getValue()));
            }
            case "message_stop" -> stopped = true;
            case "error" -> error = data;
            default -> throw new AssertionError("unknown event " + name);
        }
    }

    /** The final message; fails unless the stream was complete. */
    ObjectNode message() {
        if (!stopped) {
            throw new AssertionError("no message_stop");
        }
        return message;
    }

    JsonNode error() {
        return error;
    }
}
