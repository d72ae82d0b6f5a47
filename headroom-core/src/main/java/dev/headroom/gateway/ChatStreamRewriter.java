package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.retention.RetrieveToolHandler;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAI Chat Completions stream rewriter. Relays chunks as they arrive, minus the
 * {@code headroom_retrieve} entries of {@code delta.tool_calls} (other tool calls are renumbered so the
 * client sees consecutive indexes). The chunk with a {@code finish_reason} and everything after it (the
 * usage chunk, {@code [DONE]}) are held until the round ends: if it finished with {@code tool_calls} for
 * retrieve calls only, they are dropped and the continuation's chunks follow under the first round's
 * {@code id}; the last usage chunk carries every round's usage summed. When client tool calls came too,
 * the retrieve calls are simply dropped. Only a single-choice stream is continued.
 */
final class ChatStreamRewriter implements StreamRetrieval.Rewriter {
    private final ForwardedRequest request;
    private final ServedTools handler;
    private final ObjectNode earlierUsage;
    private final Map<Integer, Integer> nextClientIndex = new HashMap<>();
    private String id;
    private int rounds;

    private record Held(SseEvent event, ObjectNode chunk, boolean modified) {
    }

    private static final class Call {
        final String id;
        final String name;
        final StringBuilder arguments = new StringBuilder();

        Call(String id, String name) {
            this.id = id;
            this.name = name;
        }

        /** The call as a Chat {@code tool_calls} entry. */
        ObjectNode toolCall() {
            ObjectNode toolCall = JsonNodeFactory.instance.objectNode();
            toolCall.put("id", id);
            toolCall.put("type", "function");
            ObjectNode function = toolCall.putObject("function");
            function.put("name", name);
            function.put("arguments", arguments.toString());
            return toolCall;
        }
    }

    ChatStreamRewriter(ForwardedRequest request, ServedTools handler) {
        this.request = request;
        this.handler = handler;
        this.earlierUsage = JsonNodeFactory.instance.objectNode();
    }

    @Override
    public JsonNode continuedUsage() {
        return earlierUsage;
    }

    @Override
    public Optional<byte[]> relayRound(SseEventReader in, SseOutput out, boolean mayContinue) throws IOException {
        Map<String, Call> calls = new LinkedHashMap<>();
        Map<String, Integer> clientIndex = new HashMap<>();
        boolean clientCalls = false;
        int choices = 0;
        StringBuilder content = new StringBuilder();
        String finish = null;
        List<Held> held = new ArrayList<>();
        ObjectNode usage = JsonNodeFactory.instance.objectNode();
        for (SseEvent e; (e = in.next()) != null; ) {
            JsonNode data = AnthropicStreamRewriter.json(e);
            if (!data.isObject()) {
                if (finish != null || "[DONE]".equals(e.data())) {
                    held.add(new Held(e, null, false));
                } else {
                    out.relay(e);
                }
                continue;
            }
            ObjectNode chunk = (ObjectNode) data;
            boolean modified = false;
            if (id == null) {
                id = chunk.path("id").asText(null);
            } else if (chunk.has("id") && !id.equals(chunk.path("id").asText())) {
                chunk.put("id", id);
                modified = true;
            }
            UsageSum.overwrite(usage, chunk.path("usage"));
            JsonNode choiceArray = chunk.path("choices");
            boolean hadChoices = !choiceArray.isEmpty();
            for (Iterator<JsonNode> it = choiceArray.iterator(); it.hasNext(); ) {
                ObjectNode choice = (ObjectNode) it.next();
                int c = choice.path("index").asInt();
                choices = Math.max(choices, c + 1);
                JsonNode delta = choice.path("delta");
                if (c == 0 && delta.path("content").isTextual()) {
                    content.append(delta.path("content").asText());
                }
                if (choice.hasNonNull("finish_reason")) {
                    finish = c == 0 ? choice.path("finish_reason").asText() : finish == null ? "" : finish;
                }
                JsonNode toolCalls = delta.path("tool_calls");
                if (!toolCalls.isArray()) {
                    continue;
                }
                int fields = delta.size();
                for (Iterator<JsonNode> entries = toolCalls.iterator(); entries.hasNext(); ) {
                    ObjectNode entry = (ObjectNode) entries.next();
                    String key = c + ":" + entry.path("index").asInt();
                    String name = entry.path("function").path("name").asText();
                    if (handler.serves(name)) {
                        calls.put(key, new Call(entry.path("id").asText(""), name));
                    }
                    Call call = calls.get(key);
                    if (call != null) {
                        call.arguments.append(entry.path("function").path("arguments").asText(""));
                        entries.remove();
                        modified = true;
                    } else {
                        clientCalls = true;
                        int mapped = clientIndex.computeIfAbsent(key, k -> nextClientIndex.merge(c, 1, Integer::sum) - 1);
                        if (mapped != entry.path("index").asInt()) {
                            entry.put("index", mapped);
                            modified = true;
                        }
                    }
                }
                if (toolCalls.isEmpty()) {
                    ((ObjectNode) delta).remove("tool_calls");
                    if (fields == 1 && !choice.hasNonNull("finish_reason")) {
                        it.remove(); // nothing left for the client in this choice
                    }
                }
            }
            if (hadChoices && choiceArray.isEmpty() && !chunk.path("usage").isObject()) {
                continue; // the chunk carried only withheld calls
            }
            if (finish != null) {
                held.add(new Held(e, chunk, modified));
            } else if (modified) {
                out.write(e, chunk);
            } else {
                out.relay(e);
            }
        }
        if (in.cut()) {
            return Optional.empty();
        }
        boolean retrieveOnly = !calls.isEmpty() && !clientCalls && "tool_calls".equals(finish);
        if (retrieveOnly && mayContinue && choices <= 1) {
            continueRequest(content, calls);
            UsageSum.addInto(earlierUsage, usage);
            rounds++;
            return Optional.of(JsonCodec.writeBytes(request.tree()));
        }
        for (Call call : calls.values()) { // the client gets this round: keep the withheld calls' side effects
            handler.applyAside(call.toolCall());
        }
        for (Held h : held) {
            ObjectNode chunk = h.chunk();
            boolean change = h.modified();
            if (chunk != null && retrieveOnly) {
                for (JsonNode choice : chunk.path("choices")) {
                    if ("tool_calls".equals(choice.path("finish_reason").asText())) {
                        ((ObjectNode) choice).put("finish_reason", "stop");
                        change = true;
                    }
                }
            }
            if (chunk != null && rounds > 0 && chunk.path("usage").isObject()) {
                UsageSum.addInto((ObjectNode) chunk.get("usage"), earlierUsage);
                change = true;
            }
            if (change) {
                out.write(h.event(), chunk);
            } else {
                out.relay(h.event());
            }
        }
        return Optional.empty();
    }

    private void continueRequest(StringBuilder content, Map<String, Call> calls) {
        ArrayNode toolCalls = JsonNodeFactory.instance.arrayNode();
        List<RetrieveToolHandler.Answer> answers = new ArrayList<>();
        for (Call call : calls.values()) {
            ObjectNode toolCall = call.toolCall();
            toolCalls.add(toolCall);
            handler.answer(toolCall).ifPresent(answers::add);
        }
        ChatRetrieveCalls.appendTurn(request.tree(), content.toString(), toolCalls, answers);
    }
}
