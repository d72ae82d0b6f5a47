package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;

/**
 * A corpus file as an agent would send it: the question in the user turn, a tool call, and the file as that
 * call's result (Anthropic Messages). An agent conversation from the corpus is sent whole, with the question
 * as a follow-up user turn.
 */
final class CorpusRequest {
    static final String TOOL_USE_ID = "toolu_corpus_01";

    private CorpusRequest() {
    }

    /** The request for a plain corpus file. */
    static String forToolOutput(String file, String category, String text, String question, String model) {
        String tool = CorpusReport.toolFor(category);
        ObjectNode request = JsonCodec.mapper().createObjectNode();
        request.put("model", model);
        request.put("max_tokens", 1024);
        ArrayNode messages = request.putArray("messages");
        ObjectNode ask = messages.addObject();
        ask.put("role", "user");
        ask.put("content", question.isEmpty() ? "Look at " + file + "." : question);
        ObjectNode call = messages.addObject();
        call.put("role", "assistant");
        ObjectNode use = call.putArray("content").addObject();
        use.put("type", "tool_use");
        use.put("id", TOOL_USE_ID);
        use.put("name", tool);
        ObjectNode input = use.putObject("input");
        switch (tool) {
            case "Read" -> input.put("file_path", "/workspace/" + file);
            case "WebFetch" -> input.put("url", "https://example.org/" + file);
            default -> input.put("command", "cat " + file);
        }
        ObjectNode answer = messages.addObject();
        answer.put("role", "user");
        ObjectNode result = answer.putArray("content").addObject();
        result.put("type", "tool_result");
        result.put("tool_use_id", TOOL_USE_ID);
        result.put("content", text);
        return JsonCodec.write(request);
    }

    /** A corpus conversation with the question appended as the user's next turn. */
    static String forConversation(String json, String question) {
        JsonNode parsed = JsonCodec.parse(json);
        if (question.isEmpty() || !(parsed instanceof ObjectNode request) || !(request.get("messages") instanceof ArrayNode messages)) {
            return json;
        }
        ObjectNode ask = messages.addObject();
        ask.put("role", "user");
        ask.put("content", question);
        return JsonCodec.write(request);
    }

    /** A (compressed) conversation request without the question turn that {@link #forConversation} appended. */
    static String withoutAppendedQuestion(String requestJson, String question) {
        JsonNode parsed = JsonCodec.parse(requestJson);
        if (!question.isEmpty() && parsed instanceof ObjectNode request && request.get("messages") instanceof ArrayNode messages
                && !messages.isEmpty()) {
            JsonNode last = messages.get(messages.size() - 1);
            if ("user".equals(last.path("role").asText()) && question.equals(last.path("content").asText())) {
                messages.remove(messages.size() - 1);
                return JsonCodec.write(request);
            }
        }
        return requestJson;
    }

    /** The tool result's text in a (compressed) request built by {@link #forToolOutput}. */
    static String toolResultText(String requestJson) {
        for (JsonNode message : JsonCodec.parse(requestJson).path("messages")) {
            for (JsonNode block : message.path("content")) {
                if ("tool_result".equals(block.path("type").asText()) && TOOL_USE_ID.equals(block.path("tool_use_id").asText())) {
                    JsonNode content = block.path("content");
                    if (content.isTextual()) {
                        return content.asText();
                    }
                    StringBuilder sb = new StringBuilder();
                    content.forEach(part -> sb.append(part.path("text").asText()));
                    return sb.toString();
                }
            }
        }
        throw new IllegalStateException("no corpus tool result in the request");
    }
}
