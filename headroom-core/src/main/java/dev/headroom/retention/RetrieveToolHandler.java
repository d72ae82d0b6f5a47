package dev.headroom.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.MalformedRequestException;
import dev.headroom.wire.JsonCodec;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Answers {@code headroom_retrieve} tool calls from a {@link RetentionStore}, for applications that run their
 * own agent loop (the proxy uses it too).
 *
 * <pre>{@code
 * RetrieveToolHandler handler = engine.retrieveToolHandler();
 * for (JsonNode block : response.path("content")) {          // Anthropic tool_use blocks
 *     handler.answer(block).ifPresent(a -> toolResults.add(a.callId(), a.content(), a.error()));
 * }
 * }</pre>
 *
 * Understands an Anthropic {@code tool_use} block, an OpenAI Chat tool call
 * ({@code {"id":…,"type":"function","function":{"name":…,"arguments":"…"}}}) and an OpenAI Responses
 * {@code function_call} item. Thread-safe.
 */
public final class RetrieveToolHandler {
    private final RetentionStore store;
    private final Predicate<String> redeemable;

    /**
     * A call's answer.
     *
     * @param callId  the id the tool result must carry ({@code tool_use_id}, {@code tool_call_id} or {@code call_id})
     * @param content the tool result text
     * @param error   whether the call could not be served (unknown hash, bad arguments)
     */
    public record Answer(String callId, String content, boolean error) {
        public Answer {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(content, "content");
        }
    }

    /** Serves any hash present in {@code store}. */
    public RetrieveToolHandler(RetentionStore store) {
        this(store, hash -> true);
    }

    /**
     * Serves only hashes accepted by {@code redeemable} (for example those issued in the current request)
     * and present in {@code store}.
     */
    public RetrieveToolHandler(RetentionStore store, Predicate<String> redeemable) {
        this.store = Objects.requireNonNull(store, "store");
        this.redeemable = Objects.requireNonNull(redeemable, "redeemable");
    }

    /** Whether {@code call} is a {@code headroom_retrieve} call in any of the three shapes. */
    public static boolean isRetrieveCall(JsonNode call) {
        return Marker.TOOL_NAME.equals(name(call));
    }

    /** The answer to a {@code headroom_retrieve} call, or empty when {@code call} is some other tool's call. */
    public Optional<Answer> answer(JsonNode call) {
        if (!isRetrieveCall(call)) {
            return Optional.empty();
        }
        String id = call.has("function") ? call.path("id").asText("")
                : call.has("call_id") ? call.path("call_id").asText("") : call.path("id").asText("");
        JsonNode input;
        try {
            input = arguments(call);
        } catch (MalformedRequestException e) {
            return Optional.of(new Answer(id, Marker.TOOL_NAME + ": the arguments are not a JSON object", true));
        }
        JsonNode query = input.path("query");
        return Optional.of(answerFor(id, input.path("hash").asText(""), query.isTextual() ? query.asText() : null));
    }

    /**
     * The tool result text for {@code hash}: the original, narrowed to {@code query} when one is given (see
     * {@link RetrieveQuery}), or a one-line explanation when it cannot be served.
     */
    public String answer(String hash, String query) {
        return answerFor("", hash, query).content();
    }

    private Answer answerFor(String id, String hash, String query) {
        String h = hash == null ? "" : hash.strip();
        if (!ContentHash.isValid(h)) {
            return new Answer(id, Marker.TOOL_NAME + ": \"" + clip(h) + "\" is not a hash from a [headroom: …] marker; "
                    + "pass the " + ContentHash.LENGTH + " hex characters after hash=", true);
        }
        Optional<String> original;
        try {
            original = redeemable.test(h) ? store.get(h) : Optional.empty();
        } catch (RuntimeException e) {
            return new Answer(id, Marker.TOOL_NAME + ": the content for hash " + h + " could not be read", true);
        }
        if (original.isEmpty()) {
            return new Answer(id, Marker.TOOL_NAME + ": no content is retained under hash " + h
                    + " (unknown or expired)", true);
        }
        return new Answer(id, RetrieveQuery.apply(original.get(), query), false);
    }

    private static String name(JsonNode call) {
        if (call == null || !call.isObject()) {
            return "";
        }
        if (call.path("function").isObject()) {
            return call.path("function").path("name").asText("");
        }
        String type = call.path("type").asText("");
        return type.equals("tool_use") || type.equals("function_call") ? call.path("name").asText("") : "";
    }

    private static JsonNode arguments(JsonNode call) {
        JsonNode raw = call.has("input") ? call.get("input")
                : call.path("function").isObject() ? call.path("function").path("arguments") : call.path("arguments");
        JsonNode parsed = raw.isTextual() ? JsonCodec.parse(raw.asText().isBlank() ? "{}" : raw.asText()) : raw;
        if (!parsed.isObject()) {
            throw new MalformedRequestException("arguments are not an object", null);
        }
        return parsed;
    }

    private static String clip(String s) {
        String clean = s.replaceAll("[\\r\\n\"]", " ");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
