package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.retention.RetrieveToolHandler;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** {@code headroom_retrieve} calls in an OpenAI Chat Completions answer: {@code choices[].message.tool_calls}. */
final class ChatRetrieveCalls implements RetrieveCalls {
    private final ServedTools served;

    ChatRetrieveCalls(ServedTools served) {
        this.served = served;
    }

    /** Whether {@code call} is a call of a served tool. */
    boolean isRetrieve(JsonNode call) {
        return served.serves(call.path("function").path("name").asText());
    }

    @Override
    public List<JsonNode> retrieveCalls(JsonNode answer) {
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode choice : answer.path("choices")) {
            choice.path("message").path("tool_calls").forEach(call -> {
                if (isRetrieve(call)) {
                    calls.add(call);
                }
            });
        }
        return calls;
    }

    @Override
    public boolean hasClientCalls(JsonNode answer) {
        for (JsonNode choice : answer.path("choices")) {
            for (JsonNode call : choice.path("message").path("tool_calls")) {
                if (!isRetrieve(call)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean continuable(JsonNode answer) {
        return answer.path("choices").size() == 1;
    }

    @Override
    public void continueWith(ObjectNode request, JsonNode answer, List<RetrieveToolHandler.Answer> results) {
        JsonNode message = answer.path("choices").path(0).path("message");
        appendTurn(request, message.path("content").isTextual() ? message.path("content").asText() : null,
                (ArrayNode) message.path("tool_calls").deepCopy(), results);
    }

    /** Appends the assistant message with its tool calls and one {@code tool} message per answer. */
    static void appendTurn(ObjectNode request, String content, ArrayNode toolCalls,
                           List<RetrieveToolHandler.Answer> results) {
        ArrayNode messages = request.withArrayProperty("messages");
        ObjectNode assistant = messages.addObject();
        assistant.put("role", "assistant");
        if (content == null || content.isEmpty()) {
            assistant.putNull("content");
        } else {
            assistant.put("content", content);
        }
        assistant.set("tool_calls", toolCalls);
        for (RetrieveToolHandler.Answer result : results) {
            ObjectNode tool = messages.addObject();
            tool.put("role", "tool");
            tool.put("tool_call_id", result.callId());
            tool.put("content", result.content());
        }
    }

    @Override
    public void strip(ObjectNode answer) {
        for (JsonNode choice : answer.path("choices")) {
            JsonNode message = choice.path("message");
            JsonNode calls = message.get("tool_calls");
            if (calls == null || !calls.isArray()) {
                continue;
            }
            for (Iterator<JsonNode> it = calls.iterator(); it.hasNext(); ) {
                if (isRetrieve(it.next())) {
                    it.remove();
                }
            }
            if (calls.isEmpty()) {
                ((ObjectNode) message).remove("tool_calls");
                if ("tool_calls".equals(choice.path("finish_reason").asText())) {
                    ((ObjectNode) choice).put("finish_reason", "stop");
                }
            }
        }
    }
}
