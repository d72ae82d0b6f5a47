package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.retention.RetrieveToolHandler;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** {@code headroom_retrieve} calls in an Anthropic Messages answer: {@code tool_use} blocks of {@code content}. */
final class AnthropicRetrieveCalls implements RetrieveCalls {
    private final ServedTools served;

    AnthropicRetrieveCalls(ServedTools served) {
        this.served = served;
    }

    /** Whether {@code block} is a call of a served tool. */
    boolean isRetrieve(JsonNode block) {
        return "tool_use".equals(block.path("type").asText()) && served.serves(block.path("name").asText());
    }

    @Override
    public List<JsonNode> retrieveCalls(JsonNode answer) {
        List<JsonNode> calls = new ArrayList<>();
        answer.path("content").forEach(block -> {
            if (isRetrieve(block)) {
                calls.add(block);
            }
        });
        return calls;
    }

    @Override
    public boolean hasClientCalls(JsonNode answer) {
        for (JsonNode block : answer.path("content")) {
            if ("tool_use".equals(block.path("type").asText()) && !isRetrieve(block)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void continueWith(ObjectNode request, JsonNode answer, List<RetrieveToolHandler.Answer> results) {
        ArrayNode content = request.arrayNode();
        answer.path("content").forEach(block -> {
            if (!"text".equals(block.path("type").asText()) || !block.path("text").asText("").isEmpty()) {
                content.add(block.deepCopy()); // the API refuses empty text blocks in requests
            }
        });
        appendTurn(request, content, results);
    }

    /** Appends an assistant turn with {@code content} and a user turn with one tool result per answer. */
    static void appendTurn(ObjectNode request, ArrayNode content, List<RetrieveToolHandler.Answer> results) {
        ArrayNode messages = request.withArrayProperty("messages");
        ObjectNode assistant = messages.addObject();
        assistant.put("role", "assistant");
        assistant.set("content", content);
        ObjectNode user = messages.addObject();
        user.put("role", "user");
        ArrayNode blocks = user.putArray("content");
        for (RetrieveToolHandler.Answer result : results) {
            ObjectNode block = blocks.addObject();
            block.put("type", "tool_result");
            block.put("tool_use_id", result.callId());
            block.put("content", result.content());
            if (result.error()) {
                block.put("is_error", true);
            }
        }
    }

    @Override
    public void strip(ObjectNode answer) {
        JsonNode content = answer.get("content");
        if (content == null || !content.isArray()) {
            return;
        }
        for (Iterator<JsonNode> it = content.iterator(); it.hasNext(); ) {
            if (isRetrieve(it.next())) {
                it.remove();
            }
        }
        if (!hasClientCalls(answer) && "tool_use".equals(answer.path("stop_reason").asText())) {
            answer.put("stop_reason", "end_turn");
        }
    }
}
