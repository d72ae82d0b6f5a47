package dev.headroom.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic Messages: tool outputs are {@code tool_result} blocks in user messages whose {@code content}
 * is a string or a list of blocks (each {@code text} block is one output; images and unknown blocks are
 * left alone).
 */
final class AnthropicMessagesView implements RequestView {
    private final ObjectNode root;

    AnthropicMessagesView(ObjectNode root) {
        this.root = root;
    }

    @Override
    public WireFormat format() {
        return WireFormat.ANTHROPIC_MESSAGES;
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
        Map<String, JsonNode> toolInputs = new HashMap<>();
        String query = "";
        JsonNode messages = conversation();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = Texts.text(message, "role");
            JsonNode content = message.get("content");
            if ("assistant".equals(role) && content != null && content.isArray()) {
                for (JsonNode block : content) {
                    if ("tool_use".equals(Texts.text(block, "type")) || "server_tool_use".equals(Texts.text(block, "type"))) {
                        toolNames.put(Texts.text(block, "id"), Texts.text(block, "name"));
                        toolInputs.put(Texts.text(block, "id"), block.get("input"));
                    }
                }
            }
            if (!"user".equals(role) || content == null) {
                continue;
            }
            if (content.isTextual()) {
                query = content.asText();
                continue;
            }
            if (!content.isArray()) {
                continue;
            }
            for (JsonNode block : content) {
                String type = Texts.text(block, "type");
                if ("text".equals(type) && block.path("text").isTextual()) {
                    query = block.get("text").asText();
                } else if ("tool_result".equals(type) && block.isObject()) {
                    addToolResult(outputs, (ObjectNode) block, i, toolNames, toolInputs, query);
                }
            }
        }
        return outputs;
    }

    private static void addToolResult(List<ToolOutput> outputs, ObjectNode block, int index,
                                      Map<String, String> toolNames, Map<String, JsonNode> toolInputs, String query) {
        String id = Texts.text(block, "tool_use_id");
        String name = toolNames.getOrDefault(id, "");
        boolean error = block.path("is_error").asBoolean(false);
        JsonNode input = toolInputs.get(id);
        JsonNode content = block.get("content");
        if (content == null) {
            return;
        }
        if (content.isTextual()) {
            outputs.add(new ToolOutput(block, "content", index, id, name, error, query, input));
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                if ("text".equals(Texts.text(part, "type")) && part.path("text").isTextual()) {
                    outputs.add(new ToolOutput((ObjectNode) part, "text", index, id, name, error, query, input));
                }
            }
        }
    }
}
