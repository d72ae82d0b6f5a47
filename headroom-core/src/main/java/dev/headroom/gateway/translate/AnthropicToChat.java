package dev.headroom.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;

import java.util.function.UnaryOperator;

/**
 * An Anthropic Messages request as an OpenAI Chat Completions request, for a client that speaks Anthropic
 * served by an OpenAI-compatible upstream ({@code --backend openrouter|anyllm|litellm-*}).
 *
 * <ul>
 *   <li>{@code system} (string or text blocks) and {@code role:"system"} items inside {@code messages} become
 *       system messages (a string stays a string, blocks become text parts).</li>
 *   <li>User content: text and images ({@code base64} as a {@code data:} URL, {@code url} as is) become parts;
 *       each {@code tool_result} becomes a {@code role:"tool"} message with its {@code tool_use_id} as
 *       {@code tool_call_id}, placed before the turn's other parts (OpenAI wants tool messages right after the
 *       assistant's calls); an image inside a tool result goes to a user message after the tool messages.</li>
 *   <li>Assistant content: text becomes {@code content} (one block a string, several text parts), each
 *       {@code tool_use} a {@code tool_calls} entry with the same id and its input as a JSON string; thinking
 *       blocks are dropped (other providers cannot verify their signatures).</li>
 *   <li>{@code tools} (custom tools with an {@code input_schema}) become functions; Anthropic server tools
 *       (web search, code execution, …) have no OpenAI equivalent and are left out. {@code tool_choice} auto,
 *       any, tool and none map to auto, required, the named function and none;
 *       {@code disable_parallel_tool_use} to {@code parallel_tool_calls:false}.</li>
 *   <li>{@code max_tokens}, {@code temperature}, {@code top_p} are kept, {@code stop_sequences} become
 *       {@code stop}, {@code metadata.user_id} becomes {@code user}; {@code stream:true} adds
 *       {@code stream_options.include_usage} so the last chunk carries usage. {@code cache_control},
 *       {@code top_k} and {@code thinking} have no portable OpenAI form and are dropped.</li>
 * </ul>
 * Key order of the output is fixed, so the same request always translates to the same bytes.
 */
public final class AnthropicToChat {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AnthropicToChat() {
    }

    /**
     * @param anthropic the (compressed) Anthropic request
     * @param model     maps the client's model name to the upstream's (identity, a provider prefix, …)
     */
    public static ObjectNode request(JsonNode anthropic, UnaryOperator<String> model) {
        ObjectNode out = F.objectNode();
        out.put("model", model.apply(anthropic.path("model").asText("")));
        ArrayNode messages = out.putArray("messages");
        JsonNode system = anthropic.path("system");
        if (system.isTextual() || (system.isArray() && !system.isEmpty())) {
            messages.add(systemMessage(system));
        }
        for (JsonNode message : anthropic.path("messages")) {
            String role = message.path("role").asText();
            switch (role) {
                case "assistant" -> messages.add(assistant(message.path("content")));
                case "system" -> messages.add(systemMessage(message.path("content")));
                default -> user(message.path("content"), messages);
            }
        }
        tools(anthropic, out);
        copy(anthropic, "max_tokens", out, "max_tokens");
        copy(anthropic, "temperature", out, "temperature");
        copy(anthropic, "top_p", out, "top_p");
        JsonNode stop = anthropic.path("stop_sequences");
        if (stop.isArray() && !stop.isEmpty()) {
            out.set("stop", stop.deepCopy());
        }
        JsonNode user = anthropic.path("metadata").path("user_id");
        if (user.isTextual()) {
            out.put("user", user.asText());
        }
        if (anthropic.path("stream").asBoolean(false)) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        return out;
    }

    private static ObjectNode systemMessage(JsonNode content) {
        ObjectNode m = F.objectNode();
        m.put("role", "system");
        if (content.isTextual()) {
            m.put("content", content.asText());
        } else {
            ArrayNode parts = m.putArray("content");
            for (JsonNode block : content) {
                if (block.isTextual()) {
                    parts.add(textPart(block.asText()));
                } else if (block.path("type").asText().equals("text")) {
                    parts.add(textPart(block.path("text").asText()));
                }
            }
        }
        return m;
    }

    private static void user(JsonNode content, ArrayNode messages) {
        if (content.isTextual()) {
            messages.add(F.objectNode().put("role", "user").put("content", content.asText()));
            return;
        }
        ArrayNode parts = F.arrayNode();
        ArrayNode toolImages = F.arrayNode();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "tool_result" -> messages.add(toolMessage(block, toolImages));
                case "text" -> parts.add(textPart(block.path("text").asText()));
                case "image" -> image(block).ifPresent(parts::add);
                default -> {
                    // documents, search results and other block types have no Chat part: their text, if any
                    if (block.path("text").isTextual()) {
                        parts.add(textPart(block.path("text").asText()));
                    }
                }
            }
        }
        toolImages.addAll(parts);
        if (!toolImages.isEmpty()) {
            ObjectNode m = F.objectNode().put("role", "user");
            m.set("content", toolImages);
            messages.add(m);
        }
    }

    private static ObjectNode toolMessage(JsonNode block, ArrayNode images) {
        ObjectNode m = F.objectNode();
        m.put("role", "tool");
        m.put("tool_call_id", block.path("tool_use_id").asText());
        JsonNode content = block.path("content");
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (part.path("type").asText().equals("image")) {
                    image(part).ifPresent(images::add);
                } else if (part.path("text").isTextual()) {
                    text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asText());
                }
            }
            m.put("content", text.toString());
        } else {
            m.put("content", content.isMissingNode() || content.isNull() ? "" : content.isTextual() ? content.asText() : JsonCodec.write(content));
        }
        return m;
    }

    private static java.util.Optional<ObjectNode> image(JsonNode block) {
        JsonNode source = block.path("source");
        String url = switch (source.path("type").asText()) {
            case "base64" -> "data:" + source.path("media_type").asText() + ";base64," + source.path("data").asText();
            case "url" -> source.path("url").asText();
            default -> null;
        };
        if (url == null) {
            return java.util.Optional.empty();
        }
        ObjectNode part = F.objectNode().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return java.util.Optional.of(part);
    }

    private static ObjectNode assistant(JsonNode content) {
        ObjectNode m = F.objectNode();
        m.put("role", "assistant");
        if (content.isTextual()) {
            m.put("content", content.asText());
            return m;
        }
        ArrayNode texts = F.arrayNode();
        ArrayNode calls = F.arrayNode();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> texts.add(textPart(block.path("text").asText()));
                case "tool_use", "server_tool_use" -> {
                    ObjectNode call = calls.addObject();
                    call.put("id", block.path("id").asText());
                    call.put("type", "function");
                    ObjectNode function = call.putObject("function");
                    function.put("name", block.path("name").asText());
                    JsonNode input = block.path("input");
                    function.put("arguments", input.isMissingNode() || input.isNull() ? "{}" : JsonCodec.write(input));
                }
                default -> {
                    // thinking and redacted_thinking: signed by Anthropic, meaningless elsewhere
                }
            }
        }
        if (texts.isEmpty()) {
            m.putNull("content");
        } else if (texts.size() == 1) {
            m.put("content", texts.get(0).path("text").asText());
        } else {
            m.set("content", texts);
        }
        if (!calls.isEmpty()) {
            m.set("tool_calls", calls);
        }
        return m;
    }

    private static void tools(JsonNode anthropic, ObjectNode out) {
        JsonNode tools = anthropic.path("tools");
        ArrayNode functions = F.arrayNode();
        for (JsonNode tool : tools) {
            if (!tool.has("input_schema")) {
                continue; // a server tool: nothing an OpenAI-compatible model can call
            }
            ObjectNode f = functions.addObject().put("type", "function").putObject("function");
            f.put("name", tool.path("name").asText());
            if (tool.path("description").isTextual()) {
                f.put("description", tool.path("description").asText());
            }
            f.set("parameters", tool.get("input_schema").deepCopy());
        }
        if (!functions.isEmpty()) {
            out.set("tools", functions);
        }
        JsonNode choice = anthropic.path("tool_choice");
        if (choice.isObject()) {
            switch (choice.path("type").asText()) {
                case "auto" -> out.put("tool_choice", "auto");
                case "any" -> out.put("tool_choice", "required");
                case "none" -> out.put("tool_choice", "none");
                case "tool" -> {
                    ObjectNode named = out.putObject("tool_choice").put("type", "function");
                    named.putObject("function").put("name", choice.path("name").asText());
                }
                default -> {
                    // an unknown choice: the upstream's default (auto)
                }
            }
            if (choice.path("disable_parallel_tool_use").asBoolean(false) && !functions.isEmpty()) {
                out.put("parallel_tool_calls", false);
            }
        }
    }

    static ObjectNode textPart(String text) {
        return F.objectNode().put("type", "text").put("text", text);
    }

    private static void copy(JsonNode from, String name, ObjectNode to, String as) {
        JsonNode v = from.get(name);
        if (v != null && !v.isNull()) {
            to.set(as, v.deepCopy());
        }
    }
}
