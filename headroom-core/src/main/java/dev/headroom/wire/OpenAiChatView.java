package dev.headroom.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI Chat Completions: tool outputs are {@code role:"tool"} messages (and legacy {@code role:"function"}
 * messages) whose {@code content} is a string or a list of {@code text} parts.
 */
final class OpenAiChatView implements RequestView {
    private final ObjectNode root;

    OpenAiChatView(ObjectNode root) {
        this.root = root;
    }

    @Override
    public WireFormat format() {
        return WireFormat.OPENAI_CHAT;
    }

    @Override
    public ObjectNode root() {
        return root;
    }

    @Override
    public JsonNode conversation() {
        return root.path("messages");
    }

    @Override
    public List<ToolOutput> toolOutputs() {
        List<ToolOutput> outputs = new ArrayList<>();
        Map<String, String> toolNames = new HashMap<>();
        Map<String, JsonNode> toolArguments = new HashMap<>();
        String query = "";
        JsonNode messages = conversation();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                continue;
            }
            String role = Texts.text(message, "role");
            switch (role) {
                case "assistant" -> {
                    for (JsonNode call : message.path("tool_calls")) {
                        toolNames.put(Texts.text(call, "id"), Texts.text(call.path("function"), "name"));
                        toolArguments.put(Texts.text(call, "id"), call.path("function").get("arguments"));
                    }
                }
                case "user" -> {
                    String text = Texts.userText(message.get("content"), "text");
                    if (!text.isEmpty()) {
                        query = text;
                    }
                }
                case "tool", "function" -> {
                    String id = Texts.text(message, "tool_call_id");
                    String name = "function".equals(role) ? Texts.text(message, "name") : toolNames.getOrDefault(id, "");
                    addContent(outputs, (ObjectNode) message, i, id, name, query, Texts.arguments(toolArguments.get(id)));
                }
                default -> {
                    // system, developer and unknown roles are never touched
                }
            }
        }
        return outputs;
    }

    private static void addContent(List<ToolOutput> outputs, ObjectNode message, int index, String id,
                                   String name, String query, JsonNode input) {
        JsonNode content = message.get("content");
        if (content == null) {
            return;
        }
        if (content.isTextual()) {
            outputs.add(new ToolOutput(message, "content", index, id, name, false, query, input));
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                if ("text".equals(Texts.text(part, "type")) && part.path("text").isTextual()) {
                    outputs.add(new ToolOutput((ObjectNode) part, "text", index, id, name, false, query, input));
                }
            }
        }
    }
}
