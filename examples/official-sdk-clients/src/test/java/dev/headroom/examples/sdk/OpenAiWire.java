package dev.headroom.examples.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Bodies exactly as the OpenAI Chat Completions API writes them: a {@code chat.completion} object, the
 * {@code chat.completion.chunk} server-sent events ending with {@code data: [DONE]}, and the
 * {@code {"error":{…}}} envelope.
 */
final class OpenAiWire {
    static final String MODEL = "gpt-4o-2024-08-06";
    private static final long CREATED = 1767225600L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiWire() {
    }

    /** A complete non-streamed completion with one assistant text message. */
    static String textCompletion(String id, String text) {
        ObjectNode completion = head(id, "chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text).putNull("refusal")
                .putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        usage(completion, 31, 9);
        completion.put("service_tier", "default").put("system_fingerprint", "fp_test");
        return completion.toString();
    }

    /** A complete non-streamed completion in which the model calls one function. */
    static String toolCallCompletion(String id, String callId, String function, String argumentsJson) {
        ObjectNode completion = head(id, "chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.putNull("content");
        message.putNull("refusal");
        ObjectNode call = message.putArray("tool_calls").addObject().put("id", callId).put("type", "function");
        call.putObject("function").put("name", function).put("arguments", argumentsJson);
        message.putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", "tool_calls");
        usage(completion, 120, 18);
        completion.put("service_tier", "default").put("system_fingerprint", "fp_test");
        return completion.toString();
    }

    /**
     * The events of a streamed completion: a first chunk with the role, one chunk per piece of content,
     * a chunk with {@code finish_reason}, then {@code data: [DONE]}.
     */
    static List<String> textStream(String id, List<String> pieces) {
        List<String> events = new ArrayList<>();
        events.add(chunk(id, delta -> delta.put("role", "assistant").put("content", "").putNull("refusal"), null));
        for (String piece : pieces) {
            events.add(chunk(id, delta -> delta.put("content", piece), null));
        }
        events.add(chunk(id, delta -> { }, "stop"));
        events.add("data: [DONE]\n\n");
        return events;
    }

    /** The provider's error envelope. */
    static String error(String message, String type, String code) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return body.toString();
    }

    private static String chunk(String id, Consumer<ObjectNode> delta, String finishReason) {
        ObjectNode chunk = head(id, "chat.completion.chunk");
        chunk.put("service_tier", "default").put("system_fingerprint", "fp_test");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        delta.accept(choice.putObject("delta"));
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return "data: " + chunk + "\n\n";
    }

    private static ObjectNode head(String id, String object) {
        return JSON.createObjectNode().put("id", id).put("object", object).put("created", CREATED).put("model", MODEL);
    }

    private static void usage(ObjectNode completion, int prompt, int completionTokens) {
        ObjectNode usage = completion.putObject("usage").put("prompt_tokens", prompt)
                .put("completion_tokens", completionTokens).put("total_tokens", prompt + completionTokens);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
    }
}
