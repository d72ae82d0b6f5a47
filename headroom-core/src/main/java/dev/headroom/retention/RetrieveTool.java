package dev.headroom.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.WireFormat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code headroom_retrieve} tool definition in each wire format, and its injection into a request.
 *
 * <p>The definition is built from constants in a fixed key order, so it serialises to the same bytes every
 * time (DESIGN.md rule 5) and the provider's prompt cache keeps hitting once it is in the request. It never
 * carries a {@code cache_control} breakpoint. Parameters: {@code hash} (required) and {@code query}
 * (optional, see {@link RetrieveQuery}).
 */
public final class RetrieveTool {
    /** What the model is told the tool does. */
    public static final String DESCRIPTION = "Returns content that was omitted from this conversation to save "
            + "space. Call it with the hash from a [headroom: ...; headroom_retrieve hash=HASH] marker to get the "
            + "omitted original back. Pass query to get only the lines (or JSON items) that contain any of its words.";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Bytes every marker contains: a cheap test before decoding a large body. */
    private static final byte[] MARKER_TAIL = (Marker.TOOL_NAME + " hash=").getBytes(StandardCharsets.US_ASCII);

    /** Each non-Gemini format's definition as JSON bytes, written once (the definition never changes). */
    private static final Map<WireFormat, byte[]> DEFINITION_BYTES = definitionBytes();

    private RetrieveTool() {
    }

    private static Map<WireFormat, byte[]> definitionBytes() {
        Map<WireFormat, byte[]> bytes = new EnumMap<>(WireFormat.class);
        for (WireFormat format : List.of(WireFormat.ANTHROPIC_MESSAGES, WireFormat.OPENAI_CHAT, WireFormat.OPENAI_RESPONSES)) {
            bytes.put(format, JsonCodec.writeBytes(definition(format)));
        }
        return bytes;
    }

    /** The JSON schema of the tool's input. */
    public static ObjectNode inputSchema() {
        ObjectNode schema = F.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("hash").put("type", "string")
                .put("description", "The " + ContentHash.LENGTH + " hex characters after hash= in a [headroom: ...] marker.");
        properties.putObject("query").put("type", "string")
                .put("description", "Optional words; only the lines or items containing any of them are returned.");
        schema.putArray("required").add("hash");
        return schema;
    }

    /** The tool definition in the shape {@code format} expects in its {@code tools} array. */
    public static ObjectNode definition(WireFormat format) {
        ObjectNode tool = F.objectNode();
        switch (format) {
            case ANTHROPIC_MESSAGES -> {
                tool.put("name", Marker.TOOL_NAME);
                tool.put("description", DESCRIPTION);
                tool.set("input_schema", inputSchema());
            }
            case OPENAI_CHAT -> {
                tool.put("type", "function");
                ObjectNode function = tool.putObject("function");
                function.put("name", Marker.TOOL_NAME);
                function.put("description", DESCRIPTION);
                function.set("parameters", inputSchema());
            }
            case OPENAI_RESPONSES -> {
                tool.put("type", "function");
                tool.put("name", Marker.TOOL_NAME);
                tool.put("description", DESCRIPTION);
                tool.set("parameters", inputSchema());
                tool.put("strict", false); // strict mode would require the optional query
            }
            case GEMINI -> {
                return GeminiRetrieveTool.declaration();
            }
            default -> throw new IllegalArgumentException("no tool shape for " + format);
        }
        return tool;
    }

    /**
     * The request with the tool appended at the end of {@code tools} (created just before the conversation
     * when absent), when the request contains a marker and does not define the tool yet; otherwise the very
     * same array. A request whose {@code tools} is not an array, or that uses OpenAI's legacy
     * {@code functions}, is left alone.
     */
    public static byte[] injectIfMarked(byte[] requestJson, WireFormat format) {
        return injectIfMarked(requestJson, format, false);
    }

    /**
     * {@link #injectIfMarked(byte[], WireFormat)}, where {@code written} tells that {@link JsonCodec} wrote the bytes
     * (a compressed request as the engine serialised it): the tool is then spliced into the bytes without parsing
     * the conversation into a tree ({@link ToolsSplice}), with the same bytes as a result.
     */
    public static byte[] injectIfMarked(byte[] requestJson, WireFormat format, boolean written) {
        if (indexOf(requestJson, MARKER_TAIL) < 0
                || !Marker.containsMarker(new String(requestJson, StandardCharsets.UTF_8))) {
            return requestJson;
        }
        byte[] definition = DEFINITION_BYTES.get(format); // none for Gemini, whose tools are shaped otherwise
        if (written && definition != null) {
            byte[] spliced = ToolsSplice.append(requestJson, definition);
            if (spliced != null) {
                return spliced;
            }
        }
        JsonNode root = JsonCodec.parse(requestJson);
        if (!root.isObject() || !inject((ObjectNode) root, format)) {
            return requestJson;
        }
        return JsonCodec.writeBytes(root);
    }

    /** Appends the tool to {@code request}'s {@code tools}; false when it was there already or cannot be added. */
    public static boolean inject(ObjectNode request, WireFormat format) {
        if (format == WireFormat.GEMINI) {
            return GeminiRetrieveTool.inject(request);
        }
        if (format == WireFormat.OPENAI_CHAT && request.has("functions")) {
            return false;
        }
        JsonNode tools = request.get("tools");
        if (tools != null && !tools.isArray() && !tools.isNull()) {
            return false;
        }
        if (isDefinedIn(tools)) {
            return false;
        }
        ArrayNode array = tools == null || tools.isNull() ? createTools(request) : (ArrayNode) tools;
        array.add(definition(format));
        return true;
    }

    /**
     * A new {@code tools} array placed just before the conversation ({@code messages} or {@code input}), so
     * that everything up to the newest conversation item stays a byte-identical prefix on the next turn.
     */
    private static ArrayNode createTools(ObjectNode request) {
        ArrayNode tools = request.arrayNode();
        if (!request.has("messages") && !request.has("input")) {
            request.set("tools", tools);
            return tools;
        }
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(request.properties());
        request.removeAll();
        for (Map.Entry<String, JsonNode> field : fields) {
            if (field.getKey().equals("messages") || field.getKey().equals("input")) {
                request.set("tools", tools);
            }
            request.set(field.getKey(), field.getValue());
        }
        return tools;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Whether a {@code tools} array already defines {@code headroom_retrieve}, in any shape. */
    public static boolean isDefinedIn(JsonNode tools) {
        if (tools == null || !tools.isArray()) {
            return false;
        }
        for (JsonNode tool : tools) {
            if (Marker.TOOL_NAME.equals(tool.path("name").asText(null))
                    || Marker.TOOL_NAME.equals(tool.path("function").path("name").asText(null))) {
                return true;
            }
        }
        return false;
    }
}
