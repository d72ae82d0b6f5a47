package dev.headroom.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;

import java.util.HashMap;
import java.util.Map;

/**
 * Translates an OpenAI {@code chat.completion.chunk} stream into Anthropic's stream, event by event, as the
 * chunks arrive: the first chunk opens with {@code message_start}; text deltas go into a text block and each
 * tool call into a {@code tool_use} block (its id and name from the call's first fragment, its argument
 * fragments as {@code input_json_delta}), every block opened with {@code content_block_start} and closed with
 * {@code content_block_stop} when another begins or the choice finishes; at the end ({@code [DONE]} or the end
 * of the upstream stream) {@code message_delta} carries the stop reason and the usage of the final chunk, then
 * {@code message_stop}. An {@code error} chunk becomes Anthropic's {@code error} event and ends the stream.
 *
 * <p>The accumulated events give the same message as {@link ChatAnswerToAnthropic#answer} gives for the whole
 * answer. One instance per stream; not thread-safe.
 */
public final class ChatChunksToAnthropic {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final String fallbackModel;
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private boolean started;
    private boolean finished;
    private int open = -1;
    private boolean openIsText;
    private int nextIndex;
    private String finishReason = "";
    private JsonNode usage = F.objectNode();

    public ChatChunksToAnthropic(String fallbackModel) {
        this.fallbackModel = fallbackModel;
    }

    /** Whether the Anthropic stream is complete ({@code message_stop} or an error was produced). */
    public boolean finished() {
        return finished;
    }

    /** Whether a chunk carried the choice's {@code finish_reason} (the answer is complete even without {@code [DONE]}). */
    public boolean finishReasonSeen() {
        return !finishReason.isEmpty();
    }

    /**
     * One upstream event's {@code data}.
     *
     * @return the Anthropic events to send now, in SSE form (possibly empty)
     */
    public String accept(String data) {
        if (finished || data == null || data.isBlank()) {
            return "";
        }
        if (data.strip().equals("[DONE]")) {
            return finish();
        }
        JsonNode chunk;
        try {
            chunk = JsonCodec.parse(data);
        } catch (RuntimeException e) {
            return ""; // a comment or keep-alive some servers send as data
        }
        StringBuilder out = new StringBuilder();
        if (chunk.path("error").isObject()) {
            int status = chunk.path("error").path("code").isInt() ? chunk.path("error").path("code").asInt() : 500;
            finished = true;
            JsonNode error = ChatAnswerToAnthropic.error(status, JsonCodec.writeBytes(chunk));
            return event("error", error);
        }
        start(chunk, out);
        if (chunk.path("usage").isObject()) {
            usage = chunk.get("usage");
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        String text = ChatAnswerToAnthropic.text(delta.path("content"));
        if (!text.isEmpty()) {
            if (open < 0 || !openIsText) {
                close(out);
                open = nextIndex++;
                openIsText = true;
                ObjectNode start = F.objectNode().put("type", "content_block_start").put("index", open);
                start.putObject("content_block").put("type", "text").put("text", "");
                out.append(event("content_block_start", start));
            }
            ObjectNode d = F.objectNode().put("type", "content_block_delta").put("index", open);
            d.putObject("delta").put("type", "text_delta").put("text", text);
            out.append(event("content_block_delta", d));
        }
        for (JsonNode call : delta.path("tool_calls")) {
            int toolIndex = call.path("index").asInt(toolBlocks.size());
            Integer block = toolBlocks.get(toolIndex);
            if (block == null) {
                close(out);
                block = nextIndex++;
                toolBlocks.put(toolIndex, block);
                open = block;
                openIsText = false;
                ObjectNode start = F.objectNode().put("type", "content_block_start").put("index", block);
                ObjectNode use = start.putObject("content_block");
                use.put("type", "tool_use");
                use.put("id", call.path("id").asText("toolu_" + block));
                use.put("name", call.path("function").path("name").asText(""));
                use.putObject("input");
                out.append(event("content_block_start", start));
            }
            String fragment = call.path("function").path("arguments").asText("");
            if (!fragment.isEmpty()) {
                ObjectNode d = F.objectNode().put("type", "content_block_delta").put("index", block);
                d.putObject("delta").put("type", "input_json_delta").put("partial_json", fragment);
                out.append(event("content_block_delta", d));
            }
        }
        if (choice.path("finish_reason").isTextual()) {
            finishReason = choice.path("finish_reason").asText();
            close(out);
        }
        return out.toString();
    }

    /** The end of the upstream stream: closes the open block and the message (nothing when already finished). */
    public String finish() {
        if (finished) {
            return "";
        }
        finished = true;
        StringBuilder out = new StringBuilder();
        start(F.objectNode(), out); // even with no chunk at all: an empty answer is still a complete stream
        close(out);
        ObjectNode delta = F.objectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", ChatAnswerToAnthropic.stopReason(finishReason, !toolBlocks.isEmpty()))
                .putNull("stop_sequence");
        delta.set("usage", ChatAnswerToAnthropic.usage(usage));
        out.append(event("message_delta", delta));
        out.append(event("message_stop", F.objectNode().put("type", "message_stop")));
        return out.toString();
    }

    private void start(JsonNode chunk, StringBuilder out) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode start = F.objectNode().put("type", "message_start");
        ObjectNode message = start.putObject("message");
        message.put("id", ChatAnswerToAnthropic.messageId(chunk.path("id").asText("")));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", chunk.path("model").asText(fallbackModel));
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", ChatAnswerToAnthropic.usage(F.objectNode())); // the counts come with message_delta
        out.append(event("message_start", start));
    }

    private void close(StringBuilder out) {
        if (open >= 0) {
            out.append(event("content_block_stop", F.objectNode().put("type", "content_block_stop").put("index", open)));
            open = -1;
        }
    }

    private static String event(String name, JsonNode data) {
        return "event: " + name + "\ndata: " + JsonCodec.write(data) + "\n\n";
    }
}
