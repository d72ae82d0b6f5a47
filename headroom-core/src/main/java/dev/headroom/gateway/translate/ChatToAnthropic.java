package dev.headroom.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;

/**
 * An OpenAI Chat Completions request as an Anthropic Messages request: the inverse of
 * {@link AnthropicToChat}. Leading system messages become {@code system}, later ones stay
 * {@code role:"system"} items; {@code tool_calls} become {@code tool_use} blocks with the same ids; a run of
 * {@code role:"tool"} messages becomes one user turn of {@code tool_result} blocks, joined by the user message
 * that follows it, if any (that is how {@link AnthropicToChat} splits such a turn); {@code data:} image URLs
 * become base64 image sources. {@code max_tokens} (or {@code max_completion_tokens}) is required by
 * Anthropic: {@value #DEFAULT_MAX_TOKENS} when absent.
 */
public final class ChatToAnthropic {
    /** Anthropic requires {@code max_tokens}; used when the Chat request has none. */
    public static final int DEFAULT_MAX_TOKENS = 4096;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ChatToAnthropic() {
    }

    public static ObjectNode request(JsonNode chat) {
        ObjectNode out = F.objectNode();
        out.put("model", chat.path("model").asText(""));
        JsonNode maxTokens = chat.has("max_tokens") ? chat.get("max_tokens") : chat.path("max_completion_tokens");
        out.put("max_tokens", maxTokens.isNumber() ? maxTokens.asLong() : DEFAULT_MAX_TOKENS);
        ArrayNode messages = F.arrayNode();
        JsonNode in = chat.path("messages");
        int i = 0;
        ArrayNode system = F.arrayNode();
        String systemText = null;
        while (i < in.size() && in.get(i).path("role").asText().matches("system|developer")) {
            JsonNode content = in.get(i).path("content");
            if (content.isTextual() && system.isEmpty() && systemText == null) {
                systemText = content.asText();
            } else {
                if (systemText != null) {
                    system.add(text(systemText));
                    systemText = null;
                }
                addTextBlocks(content, system);
            }
            i++;
        }
        if (systemText != null) {
            out.put("system", systemText);
        } else if (!system.isEmpty()) {
            out.set("system", system);
        }
        for (; i < in.size(); i++) {
            JsonNode m = in.get(i);
            switch (m.path("role").asText()) {
                case "assistant" -> messages.add(assistant(m));
                case "tool" -> {
                    ArrayNode blocks = F.arrayNode();
                    while (i < in.size() && in.get(i).path("role").asText().equals("tool")) {
                        JsonNode tool = in.get(i);
                        ObjectNode result = blocks.addObject();
                        result.put("type", "tool_result");
                        result.put("tool_use_id", tool.path("tool_call_id").asText());
                        JsonNode content = tool.path("content");
                        if (content.isArray()) {
                            ArrayNode parts = result.putArray("content");
                            addTextBlocks(content, parts);
                        } else {
                            result.put("content", content.isTextual() ? content.asText() : "");
                        }
                        i++;
                    }
                    if (i < in.size() && in.get(i).path("role").asText().equals("user")) {
                        userBlocks(in.get(i).path("content"), blocks);
                    } else {
                        i--;
                    }
                    messages.add(F.objectNode().put("role", "user").set("content", blocks));
                }
                case "system", "developer" -> {
                    ObjectNode s = F.objectNode().put("role", "system");
                    s.set("content", m.path("content").deepCopy());
                    messages.add(s);
                }
                default -> {
                    JsonNode content = m.path("content");
                    if (content.isTextual()) {
                        messages.add(F.objectNode().put("role", "user").put("content", content.asText()));
                    } else {
                        ArrayNode blocks = F.arrayNode();
                        userBlocks(content, blocks);
                        messages.add(F.objectNode().put("role", "user").set("content", blocks));
                    }
                }
            }
        }
        out.set("messages", messages);
        tools(chat, out);
        JsonNode stop = chat.path("stop");
        if (stop.isTextual()) {
            out.putArray("stop_sequences").add(stop.asText());
        } else if (stop.isArray() && !stop.isEmpty()) {
            out.set("stop_sequences", stop.deepCopy());
        }
        for (String name : new String[]{"temperature", "top_p"}) {
            if (chat.path(name).isNumber()) {
                out.set(name, chat.get(name).deepCopy());
            }
        }
        if (chat.path("user").isTextual()) {
            out.putObject("metadata").put("user_id", chat.path("user").asText());
        }
        if (chat.path("stream").asBoolean(false)) {
            out.put("stream", true);
        }
        return out;
    }

    private static ObjectNode assistant(JsonNode m) {
        ArrayNode blocks = F.arrayNode();
        JsonNode content = m.path("content");
        if (content.isTextual()) {
            blocks.add(text(content.asText()));
        } else {
            addTextBlocks(content, blocks);
        }
        for (JsonNode call : m.path("tool_calls")) {
            ObjectNode use = blocks.addObject();
            use.put("type", "tool_use");
            use.put("id", call.path("id").asText());
            use.put("name", call.path("function").path("name").asText());
            use.set("input", ChatAnswerToAnthropic.arguments(call.path("function").path("arguments").asText("")));
        }
        return F.objectNode().put("role", "assistant").set("content", blocks);
    }

    private static void userBlocks(JsonNode content, ArrayNode blocks) {
        if (content.isTextual()) {
            blocks.add(text(content.asText()));
            return;
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "text" -> blocks.add(text(part.path("text").asText()));
                case "image_url" -> blocks.add(image(part.path("image_url").path("url").asText()));
                default -> {
                    // audio and file parts have no Anthropic block here
                }
            }
        }
    }

    private static ObjectNode image(String url) {
        ObjectNode block = F.objectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        int comma = url.indexOf(',');
        if (url.startsWith("data:") && comma > 0 && url.substring(0, comma).endsWith(";base64")) {
            source.put("type", "base64");
            source.put("media_type", url.substring(5, comma - ";base64".length()));
            source.put("data", url.substring(comma + 1));
        } else {
            source.put("type", "url");
            source.put("url", url);
        }
        return block;
    }

    private static void addTextBlocks(JsonNode content, ArrayNode blocks) {
        if (content.isTextual()) {
            blocks.add(text(content.asText()));
            return;
        }
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                blocks.add(text(part.path("text").asText()));
            }
        }
    }

    private static void tools(JsonNode chat, ObjectNode out) {
        ArrayNode tools = F.arrayNode();
        for (JsonNode tool : chat.path("tools")) {
            JsonNode f = tool.path("function");
            ObjectNode t = tools.addObject().put("name", f.path("name").asText());
            if (f.path("description").isTextual()) {
                t.put("description", f.path("description").asText());
            }
            t.set("input_schema", f.has("parameters") ? f.get("parameters").deepCopy()
                    : JsonCodec.parse("{\"type\":\"object\"}"));
        }
        if (!tools.isEmpty()) {
            out.set("tools", tools);
        }
        JsonNode choice = chat.path("tool_choice");
        ObjectNode c = null;
        if (choice.isTextual()) {
            String type = switch (choice.asText()) {
                case "required" -> "any";
                case "none" -> "none";
                default -> "auto";
            };
            c = F.objectNode().put("type", type);
        } else if (choice.isObject()) {
            c = F.objectNode().put("type", "tool").put("name", choice.path("function").path("name").asText());
        }
        if (chat.path("parallel_tool_calls").isBoolean() && !chat.path("parallel_tool_calls").asBoolean()) {
            c = c == null ? F.objectNode().put("type", "auto") : c;
            c.put("disable_parallel_tool_use", true);
        }
        if (c != null) {
            out.set("tool_choice", c);
        }
    }

    private static ObjectNode text(String text) {
        return F.objectNode().put("type", "text").put("text", text);
    }
}
