package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;

import java.util.ArrayList;
import java.util.List;

/** The OpenAI Responses side of {@link PlayedModel}: whole answers and event streams with sequence numbers. */
final class ResponsesPlay {
    private ResponsesPlay() {
    }

    static String toolResult(JsonNode request) {
        JsonNode input = request.path("input");
        JsonNode last = input.path(input.size() - 1);
        return "function_call_output".equals(last.path("type").asText()) && last.path("call_id").asText().startsWith("call_retrieve")
                ? last.path("output").asText() : null;
    }

    private static List<ObjectNode> items(String text, String hash, boolean mixed) {
        List<ObjectNode> items = new ArrayList<>();
        ObjectNode message = JsonCodec.mapper().createObjectNode().put("type", "message").put("id", "msg_" + (hash == null ? "final" : "first"))
                .put("status", "completed").put("role", "assistant");
        message.putArray("content").addObject().put("type", "output_text").put("text", text).putArray("annotations");
        items.add(message);
        if (hash != null) {
            if (mixed) {
                items.add(call("fc_bash", "call_bash_1", "Bash", "{\"command\":\"ls\"}"));
            }
            items.add(call("fc_retrieve", "call_retrieve_1", "headroom_retrieve", "{\"hash\":\"" + hash + "\"}"));
        }
        return items;
    }

    private static ObjectNode call(String id, String callId, String name, String arguments) {
        return JsonCodec.mapper().createObjectNode().put("type", "function_call").put("id", id).put("call_id", callId)
                .put("name", name).put("arguments", arguments).put("status", "completed");
    }

    private static ObjectNode response(String hash, String status, List<ObjectNode> output) {
        ObjectNode r = JsonCodec.mapper().createObjectNode();
        r.put("id", hash == null ? "resp_final" : "resp_first").put("object", "response").put("status", status);
        ArrayNode out = r.putArray("output");
        output.forEach(out::add);
        if (status.equals("completed")) {
            r.putObject("usage").put("input_tokens", hash == null ? 150 : 100).put("output_tokens", hash == null ? 20 : 10)
                    .put("total_tokens", hash == null ? 170 : 110);
        }
        return r;
    }

    static String whole(String text, String hash, boolean mixed) {
        return JsonCodec.write(response(hash, "completed", items(text, hash, mixed)));
    }

    static List<String> stream(String text, String hash, boolean mixed) {
        List<ObjectNode> events = new ArrayList<>();
        events.add(event("response.created").set("response", response(hash, "in_progress", List.of())));
        List<ObjectNode> items = items(text, hash, mixed);
        for (int i = 0; i < items.size(); i++) {
            ObjectNode item = items.get(i);
            ObjectNode started = item.deepCopy().put("status", "in_progress");
            if (item.has("arguments")) {
                started.put("arguments", "");
            } else {
                started.putArray("content");
            }
            events.add((ObjectNode) event("response.output_item.added").put("output_index", i).set("item", started));
            String full = item.has("arguments") ? item.path("arguments").asText() : text;
            String deltaType = item.has("arguments") ? "response.function_call_arguments.delta" : "response.output_text.delta";
            for (String piece : new String[] {full.substring(0, full.length() / 2), full.substring(full.length() / 2)}) {
                ObjectNode delta = event(deltaType).put("item_id", item.path("id").asText()).put("output_index", i).put("delta", piece);
                if (!item.has("arguments")) {
                    delta.put("content_index", 0);
                }
                events.add(delta);
            }
            events.add((ObjectNode) event("response.output_item.done").put("output_index", i).set("item", item));
        }
        events.add(event("response.completed").set("response", response(hash, "completed", items)));
        List<String> sse = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            ObjectNode e = events.get(i);
            e.put("sequence_number", i);
            sse.add("event: " + e.path("type").asText() + "\ndata: " + JsonCodec.write(e) + "\n\n");
        }
        return sse;
    }

    private static ObjectNode event(String type) {
        return JsonCodec.mapper().createObjectNode().put("type", type);
    }
}
