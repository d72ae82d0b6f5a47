package dev.headroom.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.UnknownWireFormatException;

/** Tells which wire format a parsed request is in. */
public final class WireFormats {
    private WireFormats() {
    }

    /**
     * Detects the format from the request's shape: {@code input} without {@code messages} is OpenAI
     * Responses; with {@code messages}, Anthropic block types or a top-level {@code system} mean Anthropic,
     * and OpenAI roles ({@code tool}, {@code developer}, {@code function}) or {@code tool_calls} mean OpenAI
     * Chat. When nothing tells them apart the model name decides ({@code claude*} is Anthropic).
     *
     * @throws UnknownWireFormatException when the request is not an object of a known shape
     */
    public static WireFormat detect(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new UnknownWireFormatException("request must be a JSON object, got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        JsonNode messages = root.get("messages");
        if (messages == null) {
            if (root.has("input")) {
                return WireFormat.OPENAI_RESPONSES;
            }
            if (root.path("contents").isArray()) {
                return WireFormat.GEMINI;
            }
            throw new UnknownWireFormatException(
                    "request has neither 'messages' (Anthropic Messages, OpenAI Chat) nor 'input' (OpenAI Responses)");
        }
        if (!messages.isArray()) {
            throw new UnknownWireFormatException("'messages' must be an array");
        }
        if (root.has("system") || root.has("anthropic_version")) {
            return WireFormat.ANTHROPIC_MESSAGES;
        }
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            if (role.equals("tool") || role.equals("developer") || role.equals("function") || message.has("tool_calls")) {
                return WireFormat.OPENAI_CHAT;
            }
            for (JsonNode block : message.path("content")) {
                String type = block.path("type").asText("");
                if (type.equals("tool_use") || type.equals("tool_result") || type.equals("thinking")
                        || (type.equals("image") && block.has("source"))) {
                    return WireFormat.ANTHROPIC_MESSAGES;
                }
                if (type.equals("image_url") || type.equals("input_audio")) {
                    return WireFormat.OPENAI_CHAT;
                }
            }
        }
        String model = root.path("model").asText("");
        return model.startsWith("claude") || model.startsWith("anthropic") ? WireFormat.ANTHROPIC_MESSAGES : WireFormat.OPENAI_CHAT;
    }
}
