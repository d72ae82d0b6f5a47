package dev.headroom.examples.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bodies exactly as the Anthropic Messages API writes them: a {@code message} object, the server-sent
 * events of a streamed message, and the {@code {"type":"error","error":{…}}} envelope.
 */
final class AnthropicWire {
    static final String MODEL = "claude-sonnet-4-5-20250929";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnthropicWire() {
    }

    /** A complete non-streamed answer with one text block. */
    static String textMessage(String id, String text) {
        ObjectNode message = messageHead(id);
        message.putArray("content").addObject().put("type", "text").put("text", text);
        message.put("stop_reason", "end_turn");
        message.putNull("stop_sequence");
        usage(message, 42, 7);
        return message.toString();
    }

    /** A complete non-streamed answer in which the model calls one tool. */
    static String toolUseMessage(String id, String toolUseId, String tool, String inputJson) {
        ObjectNode message = messageHead(id);
        var content = message.putArray("content");
        content.addObject().put("type", "text").put("text", "Let me run the build.");
        content.addObject().put("type", "tool_use").put("id", toolUseId).put("name", tool)
                .set("input", parse(inputJson));
        message.put("stop_reason", "tool_use");
        message.putNull("stop_sequence");
        usage(message, 380, 55);
        return message.toString();
    }

    /**
     * The events of a streamed text answer: {@code message_start}, {@code content_block_start}, a
     * {@code ping}, one {@code content_block_delta} (text_delta) per piece, {@code content_block_stop},
     * {@code message_delta} with stop reason and usage, {@code message_stop}.
     */
    static List<String> textStream(String id, List<String> pieces) {
        List<String> events = new ArrayList<>();
        ObjectNode message = messageHead(id);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        usage(message, 25, 1);
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        start.set("message", message);
        events.add(event("message_start", start));

        ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        events.add(event("content_block_start", blockStart));
        events.add(event("ping", JSON.createObjectNode().put("type", "ping")));
        for (String piece : pieces) {
            ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", piece);
            events.add(event("content_block_delta", delta));
        }
        events.add(event("content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", 0)));

        ObjectNode messageDelta = JSON.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", pieces.size());
        events.add(event("message_delta", messageDelta));
        events.add(event("message_stop", JSON.createObjectNode().put("type", "message_stop")));
        return events;
    }

    /** The provider's error envelope, e.g. {@code rate_limit_error} or {@code api_error}. */
    static String error(String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", "req_011CTestRequest");
        return body.toString();
    }

    private static ObjectNode messageHead(String id) {
        return JSON.createObjectNode().put("id", id).put("type", "message").put("role", "assistant").put("model", MODEL);
    }

    private static void usage(ObjectNode message, int input, int output) {
        message.putObject("usage").put("input_tokens", input).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0).put("output_tokens", output).put("service_tier", "standard");
    }

    private static String event(String name, ObjectNode data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
