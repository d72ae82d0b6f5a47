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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Anthropic Messages stream rewriter. Relays events as they arrive, except the
 * {@code content_block_start/delta/stop} events of {@code headroom_retrieve} blocks, and renumbers the other
 * blocks so the client sees consecutive indexes. {@code message_delta} and {@code message_stop} are held
 * until the round ends: if it stopped for tool use with retrieve calls only, they are dropped and the
 * continuation's events follow (its {@code message_start} skipped, its block indexes continuing after the
 * blocks already sent); the last round's {@code message_delta} carries the usage of every round summed.
 * When client tool calls came too, the retrieve blocks are simply dropped.
 */
final class AnthropicStreamRewriter implements StreamRetrieval.Rewriter {
    private final ForwardedRequest request;
    private final ServedTools handler;
    private final AnthropicRetrieveCalls calls;
    private final ObjectNode earlierUsage;
    private int nextClientIndex;
    private int rounds;

    AnthropicStreamRewriter(ForwardedRequest request, ServedTools handler) {
        this.request = request;
        this.handler = handler;
        this.calls = new AnthropicRetrieveCalls(handler);
        this.earlierUsage = JsonNodeFactory.instance.objectNode();
    }

    @Override
    public JsonNode continuedUsage() {
        return earlierUsage;
    }

    @Override
    public Optional<byte[]> relayRound(SseEventReader in, SseOutput out, boolean mayContinue) throws IOException {
        Map<Integer, AnthropicBlockBuilder> blocks = new TreeMap<>();
        Map<Integer, Integer> clientIndex = new HashMap<>();
        List<Integer> withheld = new ArrayList<>();
        boolean clientCalls = false;
        ObjectNode usage = JsonNodeFactory.instance.objectNode();
        SseEvent delta = null;
        ObjectNode deltaData = null;
        SseEvent stop = null;
        for (SseEvent e; (e = in.next()) != null; ) {
            JsonNode data = json(e);
            switch (data.path("type").asText()) {
                case "message_start" -> {
                    UsageSum.overwrite(usage, data.path("message").path("usage"));
                    if (rounds == 0) {
                        out.relay(e);
                    }
                }
                case "content_block_start" -> {
                    int index = data.path("index").asInt();
                    JsonNode block = data.path("content_block");
                    blocks.put(index, new AnthropicBlockBuilder(block));
                    if (calls.isRetrieve(block)) {
                        withheld.add(index);
                    } else {
                        clientCalls |= "tool_use".equals(block.path("type").asText());
                        clientIndex.put(index, nextClientIndex++);
                        relayIndexed(out, e, data, clientIndex.get(index));
                    }
                }
                case "content_block_delta", "content_block_stop" -> {
                    int index = data.path("index").asInt();
                    AnthropicBlockBuilder block = blocks.get(index);
                    if (block != null && data.has("delta")) {
                        block.apply(data.path("delta"));
                    }
                    if (!withheld.contains(index)) {
                        relayIndexed(out, e, data, clientIndex.getOrDefault(index, index));
                    }
                }
                case "message_delta" -> {
                    delta = e;
                    deltaData = (ObjectNode) data;
                    UsageSum.overwrite(usage, data.path("usage"));
                }
                case "message_stop" -> stop = e;
                default -> out.relay(e);
            }
        }
        if (in.cut()) {
            return Optional.empty();
        }
        boolean retrieveOnly = !withheld.isEmpty() && !clientCalls && deltaData != null
                && "tool_use".equals(deltaData.path("delta").path("stop_reason").asText());
        if (retrieveOnly && mayContinue) {
            continueRequest(blocks, withheld);
            UsageSum.addInto(earlierUsage, usage);
            rounds++;
            return Optional.of(JsonCodec.writeBytes(request.tree()));
        }
        for (int index : withheld) { // the client gets this round: keep the withheld calls' side effects
            handler.applyAside(blocks.get(index).build());
        }
        if (delta != null) {
            if (retrieveOnly) {
                deltaData.withObjectProperty("delta").put("stop_reason", "end_turn");
            }
            if (rounds > 0) {
                ObjectNode total = usage.deepCopy();
                UsageSum.addInto(total, earlierUsage);
                deltaData.set("usage", total);
            }
            if (retrieveOnly || rounds > 0) {
                out.write(delta, deltaData);
            } else {
                out.relay(delta);
            }
        }
        if (stop != null) {
            out.relay(stop);
        }
        return Optional.empty();
    }

    private void continueRequest(Map<Integer, AnthropicBlockBuilder> blocks, List<Integer> withheld) {
        ArrayNode content = JsonNodeFactory.instance.arrayNode();
        List<RetrieveToolHandler.Answer> answers = new ArrayList<>();
        blocks.forEach((index, block) -> {
            if (block.sendable()) {
                content.add(block.build());
            }
            if (withheld.contains(index)) {
                handler.answer(block.build()).ifPresent(answers::add);
            }
        });
        AnthropicRetrieveCalls.appendTurn(request.tree(), content, answers);
    }

    private static void relayIndexed(SseOutput out, SseEvent e, JsonNode data, int index) throws IOException {
        if (data.path("index").asInt() == index) {
            out.relay(e);
        } else {
            ObjectNode copy = data.deepCopy();
            copy.put("index", index);
            out.write(e, copy);
        }
    }

    static JsonNode json(SseEvent e) {
        if (e.data() == null || e.data().isEmpty() || e.data().charAt(0) != '{') {
            return JsonCodec.mapper().missingNode();
        }
        try {
            return JsonCodec.parse(e.data());
        } catch (RuntimeException ex) {
            return JsonCodec.mapper().missingNode();
        }
    }
}
