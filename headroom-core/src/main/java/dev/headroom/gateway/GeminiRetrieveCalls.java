package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.retention.Marker;
import dev.headroom.retention.RetrieveToolHandler;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code headroom_retrieve} calls in a Gemini {@code generateContent} answer: {@code functionCall} parts in
 * {@code candidates[].content.parts}. The continuation appends the model's content as it came (thought
 * signatures included, which Gemini requires back) and one user content with a {@code functionResponse} per
 * call ({@code response.output}, or {@code response.error} when the call could not be served).
 */
final class GeminiRetrieveCalls implements RetrieveCalls {
    private final ServedTools served;

    GeminiRetrieveCalls(ServedTools served) {
        this.served = served;
    }

    /** Whether {@code part} is a {@code functionCall} of a served tool. */
    boolean isRetrieve(JsonNode part) {
        JsonNode call = part.path("functionCall");
        return call.isObject() && served.serves(call.path("name").asText());
    }

    /** A {@code functionCall} in the shape {@link RetrieveToolHandler} reads (an Anthropic {@code tool_use}). */
    static ObjectNode asToolUse(JsonNode functionCall) {
        ObjectNode call = JsonNodeFactory.instance.objectNode();
        call.put("type", "tool_use");
        call.put("id", functionCall.path("id").asText(""));
        call.put("name", functionCall.path("name").asText(""));
        JsonNode args = functionCall.get("args");
        call.set("input", args == null || args.isNull() ? JsonNodeFactory.instance.objectNode() : args.deepCopy());
        return call;
    }

    @Override
    public String usageField() {
        return "usageMetadata";
    }

    @Override
    public List<JsonNode> retrieveCalls(JsonNode answer) {
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode candidate : answer.path("candidates")) {
            for (JsonNode part : candidate.path("content").path("parts")) {
                if (isRetrieve(part)) {
                    calls.add(asToolUse(part.get("functionCall")));
                }
            }
        }
        return calls;
    }

    @Override
    public boolean hasClientCalls(JsonNode answer) {
        for (JsonNode candidate : answer.path("candidates")) {
            for (JsonNode part : candidate.path("content").path("parts")) {
                if (part.has("functionCall") && !isRetrieve(part)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean continuable(JsonNode answer) {
        return answer.path("candidates").size() == 1 && answer.path("candidates").path(0).path("content").isObject();
    }

    @Override
    public void continueWith(ObjectNode request, JsonNode answer, List<RetrieveToolHandler.Answer> results) {
        appendTurn(request, answer.path("candidates").path(0).path("content").deepCopy(), retrieveCalls(answer), results);
    }

    /**
     * Appends the model's content and the user content answering each served call; {@code results[i]} answers
     * {@code calls[i]} (a served call always gets an answer), whose name the {@code functionResponse} repeats.
     */
    static void appendTurn(ObjectNode request, JsonNode modelContent, List<JsonNode> calls,
                           List<RetrieveToolHandler.Answer> results) {
        ArrayNode contents = request.withArrayProperty("contents");
        ObjectNode model = modelContent.isObject() ? (ObjectNode) modelContent : JsonNodeFactory.instance.objectNode();
        if (!model.has("role")) {
            model.put("role", "model");
        }
        contents.add(model);
        ObjectNode user = contents.addObject();
        user.put("role", "user");
        ArrayNode parts = user.putArray("parts");
        for (int i = 0; i < results.size(); i++) {
            RetrieveToolHandler.Answer result = results.get(i);
            ObjectNode response = parts.addObject().putObject("functionResponse");
            if (!result.callId().isEmpty()) {
                response.put("id", result.callId());
            }
            response.put("name", i < calls.size() ? calls.get(i).path("name").asText(Marker.TOOL_NAME) : Marker.TOOL_NAME);
            response.putObject("response").put(result.error() ? "error" : "output", result.content());
        }
    }

    @Override
    public void strip(ObjectNode answer) {
        for (JsonNode candidate : answer.path("candidates")) {
            stripParts(candidate);
        }
    }

    /** Removes the served calls of one candidate; a candidate left without parts loses its empty content. */
    boolean stripParts(JsonNode candidate) {
        JsonNode parts = candidate.path("content").path("parts");
        if (!parts.isArray()) {
            return false;
        }
        boolean removed = false;
        for (Iterator<JsonNode> it = parts.iterator(); it.hasNext(); ) {
            if (isRetrieve(it.next())) {
                it.remove();
                removed = true;
            }
        }
        if (removed && parts.isEmpty()) {
            ((ObjectNode) candidate).remove("content");
        }
        return removed;
    }
}
