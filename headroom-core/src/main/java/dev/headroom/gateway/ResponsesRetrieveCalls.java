package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.retention.RetrieveToolHandler;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** {@code headroom_retrieve} calls in an OpenAI Responses answer: {@code function_call} items of {@code output}. */
final class ResponsesRetrieveCalls implements RetrieveCalls {
    /** Call items the provider runs itself; every other {@code *_call} item is for the client. */
    private static final Set<String> SERVER_SIDE = Set.of("web_search_call", "file_search_call",
            "code_interpreter_call", "image_generation_call", "mcp_call");

    private final ServedTools served;

    ResponsesRetrieveCalls(ServedTools served) {
        this.served = served;
    }

    /** Whether {@code item} is a call of a served tool. */
    boolean isRetrieve(JsonNode item) {
        return "function_call".equals(item.path("type").asText()) && served.serves(item.path("name").asText());
    }

    /** Whether {@code item} is a call the client must run. */
    boolean isClientCall(JsonNode item) {
        String type = item.path("type").asText();
        return !isRetrieve(item) && (type.endsWith("_call") && !SERVER_SIDE.contains(type)
                || type.equals("mcp_approval_request"));
    }

    @Override
    public List<JsonNode> retrieveCalls(JsonNode answer) {
        List<JsonNode> calls = new ArrayList<>();
        answer.path("output").forEach(item -> {
            if (isRetrieve(item)) {
                calls.add(item);
            }
        });
        return calls;
    }

    @Override
    public boolean hasClientCalls(JsonNode answer) {
        for (JsonNode item : answer.path("output")) {
            if (isClientCall(item)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void continueWith(ObjectNode request, JsonNode answer, List<RetrieveToolHandler.Answer> results) {
        List<JsonNode> items = new ArrayList<>();
        answer.path("output").forEach(items::add);
        appendTurn(request, items, results);
    }

    /**
     * Appends the answer's output items and one {@code function_call_output} per answer to {@code input}
     * (a string input becomes a user message first). Reasoning items that the provider did not store and
     * did not encrypt cannot be sent back, so they are left out.
     */
    static void appendTurn(ObjectNode request, List<JsonNode> output, List<RetrieveToolHandler.Answer> results) {
        JsonNode input = request.get("input");
        ArrayNode items;
        if (input != null && input.isArray()) {
            items = (ArrayNode) input;
        } else {
            items = request.arrayNode();
            if (input != null && input.isTextual()) {
                items.addObject().put("role", "user").put("content", input.asText());
            }
            request.set("input", items);
        }
        boolean stored = request.path("store").asBoolean(true);
        for (JsonNode item : output) {
            if ("reasoning".equals(item.path("type").asText()) && !stored && !item.hasNonNull("encrypted_content")) {
                continue;
            }
            items.add(item.deepCopy());
        }
        for (RetrieveToolHandler.Answer result : results) {
            ObjectNode out = items.addObject();
            out.put("type", "function_call_output");
            out.put("call_id", result.callId());
            out.put("output", result.content());
        }
    }

    @Override
    public void strip(ObjectNode answer) {
        JsonNode output = answer.get("output");
        if (output != null && output.isArray()) {
            for (Iterator<JsonNode> it = output.iterator(); it.hasNext(); ) {
                if (isRetrieve(it.next())) {
                    it.remove();
                }
            }
        }
    }
}
