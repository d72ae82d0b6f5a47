package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;

/**
 * Rebuilds one Anthropic content block from its stream events ({@code content_block_start} and the
 * deltas), the way the SDKs accumulate a message: text, thinking, signatures, citations and tool input.
 */
final class AnthropicBlockBuilder {
    private final ObjectNode block;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final StringBuilder inputJson = new StringBuilder();

    AnthropicBlockBuilder(JsonNode start) {
        this.block = start.isObject() ? (ObjectNode) start.deepCopy() : JsonCodec.mapper().createObjectNode();
    }

    void apply(JsonNode delta) {
        switch (delta.path("type").asText()) {
            case "text_delta" -> text.append(delta.path("text").asText());
            case "input_json_delta" -> inputJson.append(delta.path("partial_json").asText());
            case "thinking_delta" -> thinking.append(delta.path("thinking").asText());
            case "signature_delta" -> block.put("signature", delta.path("signature").asText());
            case "citations_delta" -> block.withArrayProperty("citations").add(delta.path("citation").deepCopy());
            default -> {
                // other deltas carry nothing a continued request needs
            }
        }
    }

    /** The block type, such as {@code text} or {@code tool_use}. */
    String type() {
        return block.path("type").asText();
    }

    /** The complete block. */
    ObjectNode build() {
        ObjectNode out = block.deepCopy();
        if (text.length() > 0) {
            out.put("text", out.path("text").asText("") + text);
        }
        if (thinking.length() > 0) {
            out.put("thinking", out.path("thinking").asText("") + thinking);
        }
        if (inputJson.length() > 0) {
            JsonNode input;
            try {
                input = JsonCodec.parse(inputJson.toString());
            } catch (RuntimeException e) {
                input = JsonCodec.mapper().createObjectNode();
            }
            out.set("input", input);
        }
        return out;
    }

    /** Whether the block may go into a request: empty text blocks are refused by the API. */
    boolean sendable() {
        return !type().equals("text") || !build().path("text").asText("").isEmpty();
    }
}
