package dev.headroom.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Google Gemini {@code generateContent}: tool outputs are {@code functionResponse} parts in
 * {@code contents[].parts[]}; each string field directly inside {@code functionResponse.response} (the
 * documented {@code output}, or {@code result}, {@code content}, …) is one unit. The response object's other
 * fields, nested values and every other part ({@code text}, {@code functionCall}, {@code inlineData},
 * {@code thoughtSignature}, …) are never touched. A response that carries an {@code error} field is an error
 * result. The model is named in the URL path, not in the body, so {@link #model()} is empty unless the body
 * names one.
 */
final class GeminiContentsView implements RequestView {
    private final ObjectNode root;

    GeminiContentsView(ObjectNode root) {
        this.root = root;
    }

    @Override
    public WireFormat format() {
        return WireFormat.GEMINI;
    }

    @Override
    public ObjectNode root() {
        return root;
    }

    @Override
    public JsonNode conversation() {
        return root.path("contents");
    }

    @Override
    public List<ToolOutput> toolOutputs() {
        List<ToolOutput> outputs = new ArrayList<>();
        Map<String, JsonNode> argsById = new HashMap<>();
        Map<String, JsonNode> argsByName = new HashMap<>();
        String query = "";
        JsonNode contents = conversation();
        for (int i = 0; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            String role = Texts.text(content, "role");
            for (JsonNode part : content.path("parts")) {
                JsonNode call = part.get("functionCall");
                if (call != null && call.isObject()) {
                    String id = Texts.text(call, "id");
                    if (!id.isEmpty()) {
                        argsById.put(id, call.get("args"));
                    }
                    argsByName.put(Texts.text(call, "name"), call.get("args"));
                }
                if ("user".equals(role) && part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
                    query = part.get("text").asText();
                }
                JsonNode result = part.get("functionResponse");
                if (result != null && result.isObject() && !"model".equals(role)) {
                    add(outputs, result, i, query, argsById, argsByName);
                }
            }
        }
        return outputs;
    }

    private static void add(List<ToolOutput> outputs, JsonNode result, int index, String query,
                            Map<String, JsonNode> argsById, Map<String, JsonNode> argsByName) {
        JsonNode response = result.get("response");
        if (response == null || !response.isObject()) {
            return;
        }
        String id = Texts.text(result, "id");
        String name = Texts.text(result, "name");
        JsonNode input = !id.isEmpty() && argsById.containsKey(id) ? argsById.get(id) : argsByName.get(name);
        boolean error = response.has("error");
        List<String> fields = new ArrayList<>();
        response.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            if (response.get(field).isTextual()) {
                outputs.add(new ToolOutput((ObjectNode) response, field, index, id, name, error, query, input));
            }
        }
    }
}
