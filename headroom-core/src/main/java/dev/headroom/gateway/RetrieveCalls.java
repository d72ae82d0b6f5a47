package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.retention.RetrieveToolHandler;
import dev.headroom.wire.WireFormat;

import java.util.List;

/**
 * Where calls of tools the engine serves ({@code headroom_retrieve}, {@link ServedTools}) sit in a complete (non-streaming) answer of one wire format, how the
 * request continues once they are answered, and how they are removed from what the client receives.
 */
interface RetrieveCalls {

    /** The dialect of a wire format, for the calls of the tools in {@code served}. */
    static RetrieveCalls of(WireFormat format, ServedTools served) {
        return switch (format) {
            case ANTHROPIC_MESSAGES -> new AnthropicRetrieveCalls(served);
            case OPENAI_CHAT -> new ChatRetrieveCalls(served);
            case OPENAI_RESPONSES -> new ResponsesRetrieveCalls(served);
            case GEMINI -> new GeminiRetrieveCalls(served);
        };
    }

    /** The calls of served tools ({@code headroom_retrieve} and any other tool the engine owns) in the answer, in order. */
    List<JsonNode> retrieveCalls(JsonNode answer);

    /** Whether the answer also calls tools the client must run (then the client gets the answer). */
    boolean hasClientCalls(JsonNode answer);

    /** The answer's usage field ({@code usage}; Gemini's {@code usageMetadata}). */
    default String usageField() {
        return "usage";
    }

    /** Whether the answer can be continued by the proxy at all (for example, a single choice). */
    default boolean continuable(JsonNode answer) {
        return true;
    }

    /** Appends the answer's assistant turn and the tool results to {@code request}. */
    void continueWith(ObjectNode request, JsonNode answer, List<RetrieveToolHandler.Answer> results);

    /**
     * Removes the {@code headroom_retrieve} calls from {@code answer}; when no tool call is left, a
     * "stopped for tool use" reason becomes a normal end of turn.
     */
    void strip(ObjectNode answer);
}
