package dev.headroom.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code headroom_retrieve} as a Gemini {@code functionDeclaration}: appended after the client's declarations
 * in the last {@code tools[]} entry that has {@code functionDeclarations} (a new entry at the end of
 * {@code tools} when none has; a new {@code tools} array just before {@code contents} when the request has
 * none). Byte-stable like {@link RetrieveTool}.
 */
final class GeminiRetrieveTool {
    private static final String DECLARATIONS = "functionDeclarations";
    private static final String DECLARATIONS_SNAKE = "function_declarations";

    private GeminiRetrieveTool() {
    }

    /** The function declaration. */
    static ObjectNode declaration() {
        ObjectNode declaration = JsonNodeFactory.instance.objectNode();
        declaration.put("name", Marker.TOOL_NAME);
        declaration.put("description", RetrieveTool.DESCRIPTION);
        declaration.set("parameters", RetrieveTool.inputSchema());
        return declaration;
    }

    /** Appends the declaration; false when it is declared already or {@code tools} is not an array. */
    static boolean inject(ObjectNode request) {
        JsonNode tools = request.get("tools");
        if (tools != null && !tools.isArray() && !tools.isNull()) {
            return false;
        }
        if (isDeclaredIn(tools)) {
            return false;
        }
        ArrayNode array = tools == null || tools.isNull() ? createTools(request) : (ArrayNode) tools;
        for (int i = array.size() - 1; i >= 0; i--) {
            JsonNode declarations = declarations(array.get(i));
            if (declarations.isArray()) {
                ((ArrayNode) declarations).add(declaration());
                return true;
            }
        }
        array.addObject().putArray(DECLARATIONS).add(declaration());
        return true;
    }

    private static JsonNode declarations(JsonNode tool) {
        JsonNode declarations = tool.path(DECLARATIONS);
        return declarations.isArray() ? declarations : tool.path(DECLARATIONS_SNAKE);
    }

    private static boolean isDeclaredIn(JsonNode tools) {
        if (tools == null || !tools.isArray()) {
            return false;
        }
        for (JsonNode tool : tools) {
            for (JsonNode declaration : declarations(tool)) {
                if (Marker.TOOL_NAME.equals(declaration.path("name").asText(null))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A new {@code tools} array just before {@code contents}, so the conversation's prefix stays byte-stable. */
    private static ArrayNode createTools(ObjectNode request) {
        ArrayNode tools = request.arrayNode();
        if (!request.has("contents")) {
            request.set("tools", tools);
            return tools;
        }
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(request.properties());
        request.removeAll();
        for (Map.Entry<String, JsonNode> field : fields) {
            if (field.getKey().equals("contents")) {
                request.set("tools", tools);
            }
            request.set(field.getKey(), field.getValue());
        }
        return tools;
    }
}
