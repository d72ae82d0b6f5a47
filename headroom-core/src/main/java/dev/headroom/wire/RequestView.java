package dev.headroom.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A view over one parsed request of a known wire format: where its tool outputs are and what surrounds
 * them. The view reads and edits the Jackson tree in place; everything that is not a tool output is never
 * touched.
 */
public interface RequestView {

    /** The request's wire format. */
    WireFormat format();

    /** The request tree (mutated in place by {@link ToolOutput#replace}). */
    ObjectNode root();

    /** The model named in the request, or an empty string. */
    default String model() {
        JsonNode model = root().get("model");
        return model != null && model.isTextual() ? model.asText() : "";
    }

    /**
     * The conversation items (Anthropic and OpenAI Chat {@code messages}, Responses {@code input}), or a
     * missing node when the request has none.
     */
    JsonNode conversation();

    /** Every tool output whose text is a string, in request order. */
    List<ToolOutput> toolOutputs();

    /** Parses a request tree of a known format; see {@link WireFormats#detect}. */
    static RequestView of(JsonNode root, WireFormat format) {
        ObjectNode object = (ObjectNode) root;
        return switch (format) {
            case ANTHROPIC_MESSAGES -> new AnthropicMessagesView(object);
            case OPENAI_CHAT -> new OpenAiChatView(object);
            case OPENAI_RESPONSES -> new OpenAiResponsesView(object);
            case GEMINI -> new GeminiContentsView(object);
        };
    }
}
