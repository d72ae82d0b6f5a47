package dev.headroom.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded properties of the Anthropic ⇄ OpenAI Chat translation: a generated Anthropic conversation (system,
 * user text and images, assistant text and tool calls, tool results with and without a following text) goes to
 * Chat and back with every message, role, text, tool call id and input kept; and a generated Chat answer,
 * streamed as chunks cut at random points, accumulates to exactly the message its whole form translates to.
 */
class TranslationPropertiesTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String ALPHABET = "abcdefghij XYZ 0123456789 \"quotes\" \\back\\ \n\ttabs ünïcödé 😀 {json:[1]}";

    @Property(seed = "20261207", tries = 200)
    void anthropicToChatAndBackKeepsEveryMessageToolCallIdAndText(@ForAll @LongRange(min = 1, max = 1_000_000_000) long seed) {
        ObjectNode anthropic = conversation(new Random(seed));
        JsonNode chat = AnthropicToChat.request(anthropic, m -> m);
        ObjectNode back = ChatToAnthropic.request(chat);
        assertThat(normalized(back)).isEqualTo(normalized(anthropic));
        assertThat(back.path("messages").size()).isEqualTo(anthropic.path("messages").size());
        assertThat(back.path("model").asText()).isEqualTo(anthropic.path("model").asText());
        assertThat(back.path("max_tokens").asLong()).isEqualTo(anthropic.path("max_tokens").asLong());
        assertThat(back.path("stream").asBoolean()).isEqualTo(anthropic.path("stream").asBoolean());
        assertThat(back.path("tools")).isEqualTo(anthropic.path("tools"));
    }

    @Property(seed = "7041", tries = 200)
    void aStreamedAnswerAccumulatesToTheMessageOfTheWholeAnswer(@ForAll @LongRange(min = 1, max = 1_000_000_000) long seed) {
        Random random = new Random(seed);
        ObjectNode whole = chatAnswer(random);
        ChatChunksToAnthropic translator = new ChatChunksToAnthropic("claude-fallback");
        AnthropicStreamAccumulator accumulator = new AnthropicStreamAccumulator();
        for (String data : chunks(whole, random)) {
            accumulator.feed(translator.accept(data));
        }
        accumulator.feed(translator.finish());
        assertThat(JsonCodec.write(accumulator.message())).isEqualTo(JsonCodec.write(ChatAnswerToAnthropic.answer(whole, "claude-fallback")));
    }

    // ---- generators (plain Random from the jqwik seed, so every run is the same) ----

    private static String text(Random r) {
        int n = 1 + r.nextInt(40);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.appendCodePoint(ALPHABET.codePoints().skip(r.nextInt((int) ALPHABET.codePoints().count())).findFirst().getAsInt());
        }
        return b.toString();
    }

    private static ObjectNode textBlock(String text) {
        return F.objectNode().put("type", "text").put("text", text);
    }

    private static ObjectNode input(Random r) {
        ObjectNode input = F.objectNode();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(3)) {
                case 0 -> input.put("k" + i, text(r));
                case 1 -> input.put("n" + i, r.nextInt(1000));
                default -> input.putArray("a" + i).add(text(r)).add(r.nextBoolean());
            }
        }
        return input;
    }

    static ObjectNode conversation(Random r) {
        ObjectNode req = F.objectNode();
        req.put("model", "claude-sonnet-4-5-" + r.nextInt(100));
        req.put("max_tokens", 1 + r.nextInt(64000));
        switch (r.nextInt(3)) {
            case 0 -> req.put("system", text(r));
            case 1 -> req.putArray("system").add(textBlock(text(r))).add(textBlock(text(r)));
            default -> {
            }
        }
        if (r.nextBoolean()) {
            req.putArray("tools").addObject().put("name", "Bash").put("description", text(r))
                    .putObject("input_schema").put("type", "object");
        }
        ArrayNode messages = req.putArray("messages");
        int turns = 1 + r.nextInt(5);
        int ids = 0;
        for (int t = 0; t < turns; t++) {
            ObjectNode user = messages.addObject().put("role", "user");
            if (r.nextBoolean()) {
                user.put("content", text(r));
            } else {
                ArrayNode content = user.putArray("content");
                content.add(textBlock(text(r)));
                if (r.nextInt(3) == 0) {
                    ObjectNode image = content.addObject().put("type", "image");
                    image.putObject("source").put("type", "base64").put("media_type", "image/png").put("data", "iVBOR" + r.nextInt(1000));
                }
            }
            ObjectNode assistant = messages.addObject().put("role", "assistant");
            ArrayNode content = assistant.putArray("content");
            int texts = r.nextInt(3);
            for (int i = 0; i < texts; i++) {
                content.add(textBlock(text(r)));
            }
            int calls = texts == 0 ? 1 + r.nextInt(2) : r.nextInt(3);
            List<String> callIds = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String id = "toolu_" + (ids++) + "_" + r.nextInt(1 << 20);
                callIds.add(id);
                content.addObject().put("type", "tool_use").put("id", id).put("name", "Bash").set("input", input(r));
            }
            if (!callIds.isEmpty() && t == turns - 1) {
                turns++; // tool calls need their results: one more turn
            }
            if (!callIds.isEmpty()) {
                // the results come in the next user turn, before its other content
                ObjectNode results = F.objectNode().put("role", "user");
                ArrayNode blocks = results.putArray("content");
                for (String id : callIds) {
                    ObjectNode result = blocks.addObject().put("type", "tool_result").put("tool_use_id", id);
                    if (r.nextBoolean()) {
                        result.put("content", text(r));
                    } else {
                        result.putArray("content").add(textBlock(text(r)));
                    }
                }
                if (r.nextBoolean()) {
                    blocks.add(textBlock(text(r)));
                }
                messages.add(results);
                if (t < turns - 1) {
                    ObjectNode next = messages.addObject().put("role", "assistant");
                    next.putArray("content").add(textBlock(text(r)));
                    t++;
                }
            }
        }
        if (messages.get(messages.size() - 1).path("role").asText().equals("assistant")) {
            messages.addObject().put("role", "user").put("content", text(r));
        }
        if (r.nextBoolean()) {
            req.put("stream", true);
        }
        return req;
    }

    /** Roles and, in order, every text, image, tool call (id, name, input) and tool result (id, text). */
    private static List<String> normalized(JsonNode anthropic) {
        List<String> out = new ArrayList<>();
        JsonNode system = anthropic.path("system");
        if (system.isTextual()) {
            out.add("system:" + system.asText());
        }
        for (JsonNode block : system.isArray() ? system : F.arrayNode()) {
            out.add("system:" + block.path("text").asText());
        }
        for (JsonNode m : anthropic.path("messages")) {
            out.add("role:" + m.path("role").asText());
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                out.add("text:" + content.asText());
                continue;
            }
            for (JsonNode b : content) {
                switch (b.path("type").asText()) {
                    case "text" -> out.add("text:" + b.path("text").asText());
                    case "image" -> out.add("image:" + b.path("source").path("media_type").asText() + ":" + b.path("source").path("data").asText());
                    case "tool_use" -> out.add("call:" + b.path("id").asText() + ":" + b.path("name").asText() + ":" + JsonCodec.write(b.path("input")));
                    case "tool_result" -> {
                        JsonNode c = b.path("content");
                        String text = c.isTextual() ? c.asText() : c.path(0).path("text").asText();
                        out.add("result:" + b.path("tool_use_id").asText() + ":" + text);
                    }
                    default -> out.add("other:" + b);
                }
            }
        }
        return out;
    }

    static ObjectNode chatAnswer(Random r) {
        ObjectNode chat = F.objectNode();
        chat.put("id", "chatcmpl-" + r.nextInt(1 << 30));
        chat.put("object", "chat.completion");
        chat.put("model", r.nextBoolean() ? "gpt-4o-2024-08-06" : "openrouter/auto");
        ObjectNode choice = chat.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (r.nextInt(4) == 0) {
            message.putNull("content");
        } else {
            message.put("content", text(r) + text(r));
        }
        int calls = r.nextInt(4);
        if (calls > 0) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (int i = 0; i < calls; i++) {
                ObjectNode call = toolCalls.addObject().put("id", "call_" + i + "_" + r.nextInt(1 << 20)).put("type", "function");
                call.putObject("function").put("name", "fn" + r.nextInt(5)).put("arguments", JsonCodec.write(input(r)));
            }
        }
        String[] reasons = calls > 0 ? new String[]{"tool_calls", "stop"} : new String[]{"stop", "length", "content_filter"};
        choice.put("finish_reason", reasons[r.nextInt(reasons.length)]);
        ObjectNode usage = chat.putObject("usage");
        int prompt = r.nextInt(100_000);
        usage.put("prompt_tokens", prompt).put("completion_tokens", r.nextInt(4000));
        if (r.nextBoolean()) {
            usage.putObject("prompt_tokens_details").put("cached_tokens", r.nextInt(prompt + 1));
        }
        return chat;
    }

    /** The chunk stream OpenAI would send for {@code whole}, text and arguments cut at random points. */
    static List<String> chunks(ObjectNode whole, Random r) {
        List<String> out = new ArrayList<>();
        JsonNode message = whole.at("/choices/0/message");
        out.add(chunk(whole, F.objectNode().put("role", "assistant").put("content", ""), null));
        for (String piece : cut(ChatAnswerToAnthropic.text(message.path("content")), r)) {
            out.add(chunk(whole, F.objectNode().put("content", piece), null));
        }
        int index = 0;
        for (JsonNode call : message.path("tool_calls")) {
            List<String> pieces = cut(call.at("/function/arguments").asText(), r);
            ObjectNode first = F.objectNode();
            ObjectNode c = first.putArray("tool_calls").addObject().put("index", index).put("id", call.path("id").asText()).put("type", "function");
            c.putObject("function").put("name", call.at("/function/name").asText()).put("arguments", "");
            out.add(chunk(whole, first, null));
            for (String piece : pieces) {
                ObjectNode d = F.objectNode();
                d.putArray("tool_calls").addObject().put("index", index).putObject("function").put("arguments", piece);
                out.add(chunk(whole, d, null));
            }
            index++;
        }
        out.add(chunk(whole, F.objectNode(), whole.at("/choices/0/finish_reason").asText()));
        ObjectNode last = F.objectNode().put("id", whole.path("id").asText()).put("object", "chat.completion.chunk")
                .put("model", whole.path("model").asText());
        last.putArray("choices");
        last.set("usage", whole.get("usage"));
        out.add(JsonCodec.write(last));
        out.add("[DONE]");
        return out;
    }

    private static String chunk(ObjectNode whole, ObjectNode delta, String finish) {
        ObjectNode c = F.objectNode().put("id", whole.path("id").asText()).put("object", "chat.completion.chunk")
                .put("model", whole.path("model").asText());
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return JsonCodec.write(c);
    }

    private static List<String> cut(String s, Random r) {
        List<String> pieces = new ArrayList<>();
        int[] cps = s.codePoints().toArray();
        int i = 0;
        while (i < cps.length) {
            int n = 1 + r.nextInt(Math.min(8, cps.length - i));
            pieces.add(new String(cps, i, n));
            i += n;
        }
        return pieces;
    }
}
