package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.retention.RetrieveToolHandler;

import java.util.Objects;
import java.util.Optional;

/**
 * Tools the engine answers itself for one request ({@code headroom_retrieve}, the memory tools): the gateway
 * withholds their calls from the client, answers them, and continues the request upstream (further rounds for
 * whole answers, spliced continuations for event streams). Implementations are used by one request's thread.
 */
public interface ServedTools {

    /** Whether calls to a tool named {@code name} are answered by the engine. */
    boolean serves(String name);

    /**
     * The answer to {@code call} (an Anthropic {@code tool_use} block, an OpenAI Chat tool call or a Responses
     * {@code function_call} item), or empty when it is not a call of a served tool.
     */
    Optional<RetrieveToolHandler.Answer> answer(JsonNode call);

    /**
     * Applies {@code call} without answering it: the answer it came in goes to the client, because it also calls
     * the client's own tools (or no further round is allowed), so the call is withheld and the model gets no
     * result. Tools with side effects (saving a memory) perform them here so the model's call is not lost; the
     * default does nothing (reading tools such as {@code headroom_retrieve} need no result nobody reads).
     */
    default void applyAside(JsonNode call) {
    }

    /** Applies {@link #applyAside} to every call of {@code calls}. */
    static void applyAside(ServedTools tools, Iterable<JsonNode> calls) {
        for (JsonNode call : calls) {
            tools.applyAside(call);
        }
    }

    /** {@code headroom_retrieve}, answered by {@code handler}. */
    static ServedTools retrieve(RetrieveToolHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return new ServedTools() {
            @Override
            public boolean serves(String name) {
                return dev.headroom.retention.Marker.TOOL_NAME.equals(name);
            }

            @Override
            public Optional<RetrieveToolHandler.Answer> answer(JsonNode call) {
                return handler.answer(call);
            }
        };
    }

    /** These tools and {@code other}'s; a name both serve is answered by this one. */
    default ServedTools and(ServedTools other) {
        ServedTools first = this;
        return new ServedTools() {
            @Override
            public boolean serves(String name) {
                return first.serves(name) || other.serves(name);
            }

            @Override
            public Optional<RetrieveToolHandler.Answer> answer(JsonNode call) {
                Optional<RetrieveToolHandler.Answer> a = first.answer(call);
                return a.isPresent() ? a : other.answer(call);
            }

            @Override
            public void applyAside(JsonNode call) {
                if (first.serves(nameOf(call))) {
                    first.applyAside(call);
                } else {
                    other.applyAside(call);
                }
            }
        };
    }

    /** The tool name of a call in any of the three shapes, or "" when {@code call} is not a tool call. */
    static String nameOf(JsonNode call) {
        if (call == null || !call.isObject()) {
            return "";
        }
        if (call.path("function").isObject()) {
            return call.path("function").path("name").asText("");
        }
        String type = call.path("type").asText("");
        return type.equals("tool_use") || type.equals("function_call") ? call.path("name").asText("") : "";
    }
}
