package dev.headroom.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI Responses: tool outputs are {@code function_call_output} and {@code custom_tool_call_output}
 * items of {@code input}, whose {@code output} is a string or a list of {@code input_text}/{@code
 * output_text} parts.
 */
final class OpenAiResponsesView implements RequestView {
    private final ObjectNode root;

    OpenAiResponsesView(ObjectNode root) {
        this.root = root;
    }

    @Override
    public WireFormat format() {
        return WireFormat.OPENAI_RESPONSES;
    }

    @Override
    public ObjectNode root() {
        return root;
    }

    @Override
    public JsonNode conversation() {
        return root.path("input");
    }

    @Override
    public List<ToolOutput> toolOutputs() {
        List<ToolOutput> outputs = new ArrayList<>();
        JsonNode input = conversation();
        if (!input.isArray()) {
            return outputs;
        }
        Map<String, String> toolNames = new HashMap<>();
        Map<String, JsonNode> toolArguments = new HashMap<>();
        String query = "";
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (!item.isObject()) {
                continue;
            }
            String type = Texts.text(item, "type");
            switch (type) {
                case "function_call", "custom_tool_call" -> {
                    toolNames.put(Texts.text(item, "call_id"), Texts.text(item, "name"));
                    toolArguments.put(Texts.text(item, "call_id"), item.has("arguments") ? item.get("arguments") : item.get("input"));
                }
                case "function_call_output", "custom_tool_call_output" ->
                        addOutput(outputs, (ObjectNode) item, i, toolNames, toolArguments, query);
                case "message", "" -> {
                    if ("user".equals(Texts.text(item, "role"))) {
                        String text = Texts.userText(item.get("content"), "input_text", "text");
                        if (!text.isEmpty()) {
                            query = text;
                        }
                    }
                }
                default -> {
                    // reasoning, web search, unknown item types: never touched
                }
            }
        }
        return outputs;
    }

    private static void addOutput(List<ToolOutput> outputs, ObjectNode item, int index,
                                  Map<String, String> toolNames, Map<String, JsonNode> toolArguments, String query) {
        String id = Texts.text(item, "call_id");
        String name = toolNames.getOrDefault(id, "");
        JsonNode input = Texts.arguments(toolArguments.get(id));
        JsonNode output = item.get("output");
        if (output == null) {
            return;
        }
        if (output.isTextual()) {
            outputs.add(new ToolOutput(item, "output", index, id, name, false, query, input));
        } else if (output.isArray()) {
            for (JsonNode part : output) {
                String partType = Texts.text(part, "type");
                if (("input_text".equals(partType) || "output_text".equals(partType) || "text".equals(partType))
                        && part.path("text").isTextual()) {
                    outputs.add(new ToolOutput((ObjectNode) part, "text", index, id, name, false, query, input));
                }
            }
        }
    }
}
