package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.retention.RetrieveToolHandler;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Gemini {@code streamGenerateContent?alt=sse} rewriter. Every event is one
 * {@code GenerateContentResponse}; chunks are relayed as they arrive minus the {@code headroom_retrieve}
 * {@code functionCall} parts (Gemini sends each call whole, in one chunk), and a chunk left with nothing for
 * the client is dropped. The chunk carrying a {@code finishReason} and everything after it are held until the
 * round ends: when the round called the retrieve tool only (and had one candidate), the held chunks lose their
 * {@code finishReason} and usage (chunks with no content left are dropped), and the continuation's chunks
 * follow under the first round's {@code responseId}; its last {@code usageMetadata} carries every round's
 * usage summed. When client calls came too, the retrieve calls are simply dropped.
 */
final class GeminiStreamRewriter implements StreamRetrieval.Rewriter {
    private final ForwardedRequest request;
    private final ServedTools handler;
    private final GeminiRetrieveCalls served;
    private final ObjectNode earlierUsage = JsonNodeFactory.instance.objectNode();
    private String responseId;
    private int rounds;

    private record Held(SseEvent event, ObjectNode chunk, boolean modified) {
    }

    GeminiStreamRewriter(ForwardedRequest request, ServedTools handler) {
        this.request = request;
        this.handler = handler;
        this.served = new GeminiRetrieveCalls(handler);
    }

    @Override
    public JsonNode continuedUsage() {
        return earlierUsage;
    }

    @Override
    public String usageField() {
        return "usageMetadata";
    }

    @Override
    public Optional<byte[]> relayRound(SseEventReader in, SseOutput out, boolean mayContinue) throws IOException {
        ArrayNode modelParts = JsonNodeFactory.instance.arrayNode();
        List<JsonNode> calls = new ArrayList<>();
        boolean clientCalls = false;
        boolean finished = false;
        int candidates = 0;
        List<Held> held = new ArrayList<>();
        ObjectNode usage = JsonNodeFactory.instance.objectNode();
        for (SseEvent e; (e = in.next()) != null; ) {
            JsonNode data = AnthropicStreamRewriter.json(e);
            if (!data.isObject()) {
                if (finished) {
                    held.add(new Held(e, null, false));
                } else {
                    out.relay(e);
                }
                continue;
            }
            ObjectNode chunk = (ObjectNode) data;
            boolean modified = false;
            if (responseId == null) {
                responseId = chunk.path("responseId").asText(null);
            } else if (chunk.has("responseId") && !responseId.equals(chunk.path("responseId").asText())) {
                chunk.put("responseId", responseId);
                modified = true;
            }
            UsageSum.overwrite(usage, chunk.path("usageMetadata"));
            boolean clientContent = false;
            for (JsonNode candidate : chunk.path("candidates")) {
                int index = candidate.path("index").asInt(0);
                candidates = Math.max(candidates, index + 1);
                for (JsonNode part : candidate.path("content").path("parts")) {
                    if (index == 0) {
                        modelParts.add(part.deepCopy());
                    }
                    if (served.isRetrieve(part)) {
                        calls.add(GeminiRetrieveCalls.asToolUse(part.get("functionCall")));
                    } else if (part.has("functionCall")) {
                        clientCalls = true;
                    }
                }
                modified |= served.stripParts(candidate);
                finished |= candidate.hasNonNull("finishReason");
                clientContent |= candidate.has("content") || candidate.hasNonNull("finishReason");
            }
            if (modified && !clientContent && !chunk.path("promptFeedback").isObject()) {
                continue; // the chunk carried only withheld calls
            }
            if (finished) {
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
        if (!calls.isEmpty() && !clientCalls && mayContinue && candidates <= 1) {
            releaseUnfinished(held, out);
            List<RetrieveToolHandler.Answer> answers = new ArrayList<>();
            for (JsonNode call : calls) {
                handler.answer(call).ifPresent(answers::add);
            }
            ObjectNode content = JsonNodeFactory.instance.objectNode();
            content.put("role", "model");
            content.set("parts", modelParts);
            GeminiRetrieveCalls.appendTurn(request.tree(), content, calls, answers);
            UsageSum.addInto(earlierUsage, usage);
            rounds++;
            return Optional.of(JsonCodec.writeBytes(request.tree()));
        }
        for (Held h : held) {
            ObjectNode chunk = h.chunk();
            boolean change = h.modified();
            if (chunk != null && rounds > 0 && chunk.path("usageMetadata").isObject()) {
                UsageSum.addInto((ObjectNode) chunk.get("usageMetadata"), earlierUsage);
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

    /** Relays the content that the held (finishing) chunks still carry for the client, without their ending. */
    private static void releaseUnfinished(List<Held> held, SseOutput out) throws IOException {
        for (Held h : held) {
            ObjectNode chunk = h.chunk();
            if (chunk == null) {
                continue;
            }
            boolean content = false;
            for (JsonNode candidate : chunk.path("candidates")) {
                ((ObjectNode) candidate).remove("finishReason");
                content |= candidate.path("content").path("parts").size() > 0;
            }
            if (content) {
                chunk.remove("usageMetadata");
                out.write(h.event(), chunk);
            }
        }
    }
}
