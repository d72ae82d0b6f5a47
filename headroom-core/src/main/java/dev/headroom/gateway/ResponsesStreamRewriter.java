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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenAI Responses stream rewriter. Relays events as they arrive, except those of
 * {@code headroom_retrieve} {@code function_call} items (by {@code output_index}); the other items are
 * renumbered so the client sees consecutive output indexes, and {@code sequence_number} stays consecutive.
 * The closing {@code response.completed} (or {@code incomplete}/{@code failed}) is held until the round
 * ends: if the round produced retrieve calls only, the continuation's events follow (its
 * {@code response.created}/{@code in_progress} skipped); the last closing event lists every output item the
 * client saw and carries every round's usage summed.
 */
final class ResponsesStreamRewriter implements StreamRetrieval.Rewriter {
    private static final Set<String> CLOSING = Set.of("response.completed", "response.incomplete", "response.failed");

    private final ForwardedRequest request;
    private final ServedTools handler;
    private final ResponsesRetrieveCalls calls;
    private final ObjectNode earlierUsage;
    private final ArrayNode shownOutput;
    private int nextClientIndex;
    private long nextSequence = -1;
    private int rounds;

    ResponsesStreamRewriter(ForwardedRequest request, ServedTools handler) {
        this.calls = new ResponsesRetrieveCalls(handler);
        this.request = request;
        this.handler = handler;
        this.earlierUsage = JsonNodeFactory.instance.objectNode();
        this.shownOutput = JsonNodeFactory.instance.arrayNode();
    }

    @Override
    public JsonNode continuedUsage() {
        return earlierUsage;
    }

    @Override
    public Optional<byte[]> relayRound(SseEventReader in, SseOutput out, boolean mayContinue) throws IOException {
        Map<Integer, Integer> clientIndex = new HashMap<>();
        Set<Integer> withheld = new HashSet<>();
        Map<Integer, JsonNode> done = new TreeMap<>();
        boolean clientCalls = false;
        SseEvent closing = null;
        ObjectNode closingData = null;
        for (SseEvent e; (e = in.next()) != null; ) {
            JsonNode data = AnthropicStreamRewriter.json(e);
            if (!data.isObject()) {
                out.relay(e);
                continue;
            }
            ObjectNode event = (ObjectNode) data;
            String type = event.path("type").asText();
            if (rounds > 0 && (type.equals("response.created") || type.equals("response.in_progress"))) {
                continue;
            }
            if (CLOSING.contains(type)) {
                closing = e;
                closingData = event;
                continue;
            }
            Integer mapped = null;
            if (event.has("output_index")) {
                int index = event.path("output_index").asInt();
                if (type.equals("response.output_item.added")) {
                    if (calls.isRetrieve(event.path("item"))) {
                        withheld.add(index);
                    } else {
                        clientCalls |= calls.isClientCall(event.path("item"));
                        clientIndex.put(index, nextClientIndex++);
                    }
                }
                if (type.equals("response.output_item.done")) {
                    done.put(index, event.path("item"));
                }
                if (withheld.contains(index)) {
                    continue;
                }
                mapped = clientIndex.getOrDefault(index, index);
            }
            relay(out, e, event, mapped);
        }
        if (in.cut()) {
            return Optional.empty();
        }
        boolean retrieveOnly = !withheld.isEmpty() && !clientCalls && closingData != null
                && closingData.path("type").asText().equals("response.completed");
        if (retrieveOnly && mayContinue) {
            List<JsonNode> items = new ArrayList<>(done.values());
            List<RetrieveToolHandler.Answer> answers = new ArrayList<>();
            done.forEach((index, item) -> {
                if (withheld.contains(index)) {
                    handler.answer(item).ifPresent(answers::add);
                } else {
                    shownOutput.add(item.deepCopy());
                }
            });
            ResponsesRetrieveCalls.appendTurn(request.tree(), items, answers);
            UsageSum.addInto(earlierUsage, closingData.path("response").path("usage"));
            rounds++;
            return Optional.of(JsonCodec.writeBytes(request.tree()));
        }
        done.forEach((index, item) -> { // the client gets this round: keep the withheld calls' side effects
            if (withheld.contains(index)) {
                handler.applyAside(item);
            }
        });
        if (closing != null) {
            relayClosing(out, closing, closingData);
        }
        return Optional.empty();
    }

    private void relayClosing(SseOutput out, SseEvent closing, ObjectNode data) throws IOException {
        JsonNode response = data.path("response");
        if (!response.isObject()) {
            relay(out, closing, data, null);
            return;
        }
        ObjectNode copy = data.deepCopy();
        ObjectNode r = (ObjectNode) copy.get("response");
        ArrayNode output = shownOutput.deepCopy();
        for (JsonNode item : response.path("output")) {
            if (!calls.isRetrieve(item)) {
                output.add(item.deepCopy());
            }
        }
        boolean changed = rounds > 0 || output.size() != response.path("output").size();
        if (changed) {
            r.set("output", output);
        }
        if (rounds > 0 && r.path("usage").isObject()) {
            UsageSum.addInto((ObjectNode) r.get("usage"), earlierUsage);
        }
        relay(out, closing, changed ? copy : data, null);
    }

    /** Relays with the client's output index and the next sequence number, rewriting only when they differ. */
    private void relay(SseOutput out, SseEvent e, ObjectNode event, Integer outputIndex) throws IOException {
        ObjectNode copy = null;
        if (outputIndex != null && event.path("output_index").asInt() != outputIndex) {
            copy = event.deepCopy();
            copy.put("output_index", outputIndex);
        }
        if (event.has("sequence_number")) {
            long seq = event.path("sequence_number").asLong();
            nextSequence = nextSequence < 0 ? seq : nextSequence;
            if (seq != nextSequence) {
                copy = copy == null ? event.deepCopy() : copy;
                copy.put("sequence_number", nextSequence);
            }
            nextSequence++;
        }
        if (copy == null) {
            out.relay(e);
        } else {
            out.write(e, copy);
        }
    }
}
