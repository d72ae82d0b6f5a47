package dev.headroom.memory.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.gateway.ServedTools;
import dev.headroom.retention.RetrieveToolHandler;
import dev.headroom.wire.JsonCodec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers memory tool calls from a {@link MemoryStore}, for applications that run their own agent loop (the
 * proxy uses it too, as the {@link ServedTools} of a request).
 *
 * <pre>{@code
 * MemoryToolHandler memory = new MemoryToolHandler(MemoryStore.open(file, "user", Clock.systemUTC()));
 * for (JsonNode block : response.path("content")) {           // Anthropic tool_use blocks
 *     memory.answer(block).ifPresent(a -> toolResults.add(a.callId(), a.content(), a.error()));
 * }
 * }</pre>
 *
 * Understands an Anthropic {@code tool_use} block, an OpenAI Chat tool call and a Responses
 * {@code function_call} item; answers are compact JSON. Thread-safe.
 */
public final class MemoryToolHandler implements ServedTools {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final MemoryStore store;

    public MemoryToolHandler(MemoryStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public boolean serves(String name) {
        return MemoryTools.isMemoryTool(name);
    }

    /**
     * Performs a {@code memory_save}, {@code memory_update} or {@code memory_delete} call whose answer nobody
     * reads (the client got the model's answer because it also called the client's tools); searching and
     * listing change nothing and are skipped.
     */
    @Override
    public void applyAside(JsonNode call) {
        if (changesMemory(ServedTools.nameOf(call))) {
            answer(call);
        }
    }

    /** Whether calls of the tool named {@code name} change the store. */
    static boolean changesMemory(String name) {
        return name.equals(MemoryTools.SAVE) || name.equals(MemoryTools.UPDATE) || name.equals(MemoryTools.DELETE);
    }

    @Override
    public Optional<RetrieveToolHandler.Answer> answer(JsonNode call) {
        String name = ServedTools.nameOf(call);
        if (!serves(name)) {
            return Optional.empty();
        }
        String id = call.has("function") ? call.path("id").asText("")
                : call.has("call_id") ? call.path("call_id").asText("") : call.path("id").asText("");
        JsonNode input;
        try {
            input = arguments(call);
        } catch (RuntimeException e) {
            return Optional.of(new RetrieveToolHandler.Answer(id, name + ": the arguments are not a JSON object", true));
        }
        try {
            return Optional.of(new RetrieveToolHandler.Answer(id, JsonCodec.write(run(name, input)), false));
        } catch (IllegalArgumentException e) {
            return Optional.of(new RetrieveToolHandler.Answer(id, name + ": " + e.getMessage(), true));
        } catch (MemoryStoreException e) {
            return Optional.of(new RetrieveToolHandler.Answer(id, name + ": the memory store could not be used", true));
        }
    }

    private JsonNode run(String name, JsonNode in) {
        ObjectNode out = F.objectNode();
        switch (name) {
            case MemoryTools.SAVE -> {
                Optional<Long> supersedes = in.path("supersedes").canConvertToLong()
                        ? Optional.of(in.path("supersedes").asLong()) : Optional.empty();
                Memory m = store.save(text(in, true), string(in, "category"), importance(in, 0.5), supersedes, false);
                out.put("saved", m.id());
            }
            case MemoryTools.SEARCH -> {
                List<Memory> found = store.search(text(in.path("query")), limit(in, 10));
                store.touch(found.stream().map(Memory::id).toList());
                out.set("memories", render(found));
            }
            case MemoryTools.UPDATE -> {
                long id = id(in);
                Double importance = in.path("importance").isNumber() ? in.path("importance").asDouble() : null;
                Optional<Memory> m = store.update(id, in.path("text").isTextual() ? in.path("text").asText() : null,
                        string(in, "category"), importance);
                if (m.isEmpty()) {
                    throw new IllegalArgumentException("no memory " + id);
                }
                out.put("updated", id);
            }
            case MemoryTools.DELETE -> {
                long id = id(in);
                if (!store.delete(id)) {
                    throw new IllegalArgumentException("no memory " + id);
                }
                out.put("deleted", id);
            }
            case MemoryTools.LIST -> out.set("memories",
                    render(store.list(limit(in, 50), Math.max(0, in.path("offset").asInt(0)))));
            default -> throw new IllegalArgumentException("unknown tool");
        }
        return out;
    }

    static ArrayNode render(List<Memory> memories) {
        ArrayNode array = F.arrayNode();
        for (Memory m : memories) {
            ObjectNode o = array.addObject();
            o.put("id", m.id());
            o.put("category", m.category());
            o.put("text", m.text());
            if (m.learned()) {
                o.put("learned", true);
            }
        }
        return array;
    }

    private static String text(JsonNode in, boolean required) {
        JsonNode t = in.path("text");
        if (!t.isTextual() && required) {
            throw new IllegalArgumentException("text is required");
        }
        return t.asText("");
    }

    private static String text(JsonNode node) {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException("query is required");
        }
        return node.asText();
    }

    private static String string(JsonNode in, String field) {
        return in.path(field).isTextual() ? in.path(field).asText() : null;
    }

    private static double importance(JsonNode in, double fallback) {
        return in.path("importance").isNumber() ? in.path("importance").asDouble() : fallback;
    }

    private static int limit(JsonNode in, int fallback) {
        int n = in.path("limit").asInt(fallback);
        return Math.max(1, Math.min(n <= 0 ? fallback : n, 100));
    }

    private static long id(JsonNode in) {
        if (!in.path("id").canConvertToLong()) {
            throw new IllegalArgumentException("id (an integer) is required");
        }
        return in.path("id").asLong();
    }

    private static JsonNode arguments(JsonNode call) {
        JsonNode raw = call.has("input") ? call.get("input")
                : call.path("function").isObject() ? call.path("function").path("arguments") : call.path("arguments");
        JsonNode parsed = raw.isTextual() ? JsonCodec.parse(raw.asText().isBlank() ? "{}" : raw.asText()) : raw;
        if (!parsed.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        return parsed;
    }
}
