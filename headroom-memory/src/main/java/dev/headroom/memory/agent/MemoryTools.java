package dev.headroom.memory.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.WireFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The memory tools ({@code memory_save}, {@code memory_search}, {@code memory_update}, {@code memory_delete},
 * {@code memory_list}) in each wire format's shape, and their injection after the client's tools. Definitions
 * are built from constants in a fixed key order, so they serialise to the same bytes on every request, and
 * never carry a {@code cache_control} breakpoint.
 */
public final class MemoryTools {
    public static final String SAVE = "memory_save";
    public static final String SEARCH = "memory_search";
    public static final String UPDATE = "memory_update";
    public static final String DELETE = "memory_delete";
    public static final String LIST = "memory_list";
    /** Every tool name, in the order the tools are appended. */
    public static final List<String> NAMES = List.of(SAVE, SEARCH, UPDATE, DELETE, LIST);
    private static final Set<String> NAME_SET = Set.copyOf(NAMES);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private MemoryTools() {
    }

    /** Whether {@code name} is one of the memory tools. */
    public static boolean isMemoryTool(String name) {
        return NAME_SET.contains(name);
    }

    /** What the outcome of {@link #inject} was. */
    public enum Injection { INJECTED, CLASH, NOT_POSSIBLE }

    /**
     * Appends the five tools at the end of {@code tools} (created just before the conversation when absent).
     * Leaves the request alone when the client already declares a tool of one of these names ({@code CLASH}),
     * or when {@code tools} is not an array or the Chat request uses legacy {@code functions}.
     */
    public static Injection inject(ObjectNode request, WireFormat format) {
        if (format == WireFormat.OPENAI_CHAT && request.has("functions")) {
            return Injection.NOT_POSSIBLE;
        }
        JsonNode tools = request.get("tools");
        if (tools != null && !tools.isArray() && !tools.isNull()) {
            return Injection.NOT_POSSIBLE;
        }
        if (tools != null && tools.isArray()) {
            for (JsonNode tool : tools) {
                if (isMemoryTool(tool.path("name").asText("")) || isMemoryTool(tool.path("function").path("name").asText(""))) {
                    return Injection.CLASH;
                }
            }
        }
        ArrayNode array = tools == null || tools.isNull() ? createTools(request) : (ArrayNode) tools;
        for (String name : NAMES) {
            array.add(definition(name, format));
        }
        return Injection.INJECTED;
    }

    /** The definition of tool {@code name} in {@code format}'s shape. */
    public static ObjectNode definition(String name, WireFormat format) {
        String description = description(name);
        ObjectNode schema = schema(name);
        ObjectNode tool = F.objectNode();
        switch (format) {
            case ANTHROPIC_MESSAGES -> {
                tool.put("name", name);
                tool.put("description", description);
                tool.set("input_schema", schema);
            }
            case OPENAI_CHAT -> {
                tool.put("type", "function");
                ObjectNode function = tool.putObject("function");
                function.put("name", name);
                function.put("description", description);
                function.set("parameters", schema);
            }
            case OPENAI_RESPONSES -> {
                tool.put("type", "function");
                tool.put("name", name);
                tool.put("description", description);
                tool.set("parameters", schema);
                tool.put("strict", false); // strict mode would require every optional parameter
            }
            default -> throw new IllegalArgumentException("no tool shape for " + format);
        }
        return tool;
    }

    private static String description(String name) {
        return switch (name) {
            case SAVE -> "Saves a durable fact for later sessions in this project (a build or test command that works, "
                    + "a convention, a user preference, a fix for an error). One fact per call; pass supersedes with the "
                    + "id of a memory this one replaces.";
            case SEARCH -> "Searches saved memories by words; returns the most relevant first, with their ids.";
            case UPDATE -> "Changes the text, category or importance of a saved memory, by id.";
            case DELETE -> "Deletes a saved memory that is wrong or obsolete, by id.";
            case LIST -> "Lists saved memories, oldest first.";
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static ObjectNode schema(String name) {
        ObjectNode schema = F.objectNode();
        schema.put("type", "object");
        ObjectNode p = schema.putObject("properties");
        List<String> required = new ArrayList<>();
        switch (name) {
            case SAVE -> {
                p.putObject("text").put("type", "string").put("description", "The fact, self-contained.");
                category(p);
                importance(p);
                p.putObject("supersedes").put("type", "integer").put("description", "Id of the memory this one replaces.");
                required.add("text");
            }
            case SEARCH -> {
                p.putObject("query").put("type", "string").put("description", "Words to look for.");
                p.putObject("limit").put("type", "integer").put("description", "At most this many (default 10).");
                required.add("query");
            }
            case UPDATE -> {
                p.putObject("id").put("type", "integer");
                p.putObject("text").put("type", "string");
                category(p);
                importance(p);
                required.add("id");
            }
            case DELETE -> {
                p.putObject("id").put("type", "integer");
                required.add("id");
            }
            case LIST -> {
                p.putObject("limit").put("type", "integer").put("description", "At most this many (default 50).");
                p.putObject("offset").put("type", "integer").put("description", "Skip this many first.");
            }
            default -> throw new IllegalArgumentException(name);
        }
        if (!required.isEmpty()) {
            ArrayNode r = schema.putArray("required");
            required.forEach(r::add);
        }
        return schema;
    }

    private static void category(ObjectNode p) {
        p.putObject("category").put("type", "string")
                .put("description", "A short label: fact, command, preference, convention or fix (default fact).");
    }

    private static void importance(ObjectNode p) {
        p.putObject("importance").put("type", "number").put("description", "0 to 1 (default 0.5).");
    }

    /** A new {@code tools} array just before the conversation, so that what follows stays a stable prefix. */
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
}
