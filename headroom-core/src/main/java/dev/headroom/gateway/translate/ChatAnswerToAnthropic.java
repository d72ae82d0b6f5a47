package dev.headroom.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;

import java.nio.charset.StandardCharsets;

/**
 * A whole OpenAI {@code chat.completion} as an Anthropic {@code message}, and an OpenAI-style error body as
 * Anthropic's error envelope.
 *
 * <p>The first choice's text becomes a text block (none when empty), each tool call a {@code tool_use} block
 * with the call's id and its parsed arguments; {@code finish_reason} maps {@code stop} to {@code end_turn}
 * ({@code tool_use} when the choice has tool calls: some servers say {@code stop} there), {@code length} to
 * {@code max_tokens}, {@code tool_calls}/{@code function_call} to {@code tool_use} and {@code content_filter}
 * to {@code refusal}. Usage: prompt tokens less the cached ones are {@code input_tokens}, the cached ones
 * {@code cache_read_input_tokens}, completion tokens {@code output_tokens}.
 */
public final class ChatAnswerToAnthropic {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_MESSAGE_CHARS = 2000;

    private ChatAnswerToAnthropic() {
    }

    /**
     * @param chat          the upstream's answer
     * @param fallbackModel the client's model, used when the answer names none
     */
    public static ObjectNode answer(JsonNode chat, String fallbackModel) {
        ObjectNode out = F.objectNode();
        out.put("id", messageId(chat.path("id").asText("")));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", chat.path("model").asText(fallbackModel));
        ArrayNode content = out.putArray("content");
        JsonNode choice = chat.path("choices").path(0);
        JsonNode message = choice.path("message");
        String text = text(message.path("content"));
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        boolean calls = false;
        for (JsonNode call : message.path("tool_calls")) {
            calls = true;
            ObjectNode use = content.addObject();
            use.put("type", "tool_use");
            use.put("id", call.path("id").asText());
            use.put("name", call.path("function").path("name").asText());
            use.set("input", arguments(call.path("function").path("arguments").asText("")));
        }
        out.put("stop_reason", stopReason(choice.path("finish_reason").asText(""), calls));
        out.putNull("stop_sequence");
        out.set("usage", usage(chat.path("usage")));
        return out;
    }

    /** Anthropic's stop reason for an OpenAI finish reason. */
    public static String stopReason(String finishReason, boolean hadToolCalls) {
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> hadToolCalls ? "tool_use" : "end_turn";
        };
    }

    /** Anthropic usage for OpenAI usage (all zero when missing). */
    public static ObjectNode usage(JsonNode usage) {
        long prompt = usage.path("prompt_tokens").asLong(0);
        long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        ObjectNode out = F.objectNode();
        out.put("input_tokens", Math.max(0, prompt - cached));
        out.put("cache_creation_input_tokens", 0);
        out.put("cache_read_input_tokens", cached);
        out.put("output_tokens", usage.path("completion_tokens").asLong(0));
        return out;
    }

    /** Parsed tool-call arguments: an object, {@code {}} when empty, or the raw text under {@code _raw} when not JSON. */
    public static JsonNode arguments(String arguments) {
        if (arguments.isBlank()) {
            return F.objectNode();
        }
        try {
            JsonNode parsed = JsonCodec.parse(arguments);
            if (parsed.isObject()) {
                return parsed;
            }
        } catch (RuntimeException e) {
            // not JSON: kept as text below, so nothing the model wrote is lost
        }
        return F.objectNode().put("_raw", arguments);
    }

    /**
     * Anthropic's error envelope for an upstream error answer: the type from the status, the message from
     * {@code error.message} (OpenAI, OpenRouter, LiteLLM, vLLM) or {@code message} or {@code detail}, else the
     * start of the body.
     */
    public static ObjectNode error(int status, byte[] body) {
        String message = null;
        try {
            JsonNode json = JsonCodec.parse(body);
            JsonNode error = json.path("error");
            if (error.isObject() && error.path("message").isTextual()) {
                message = error.path("message").asText();
            } else if (error.isTextual()) {
                message = error.asText();
            } else if (json.path("message").isTextual()) {
                message = json.path("message").asText();
            } else if (json.path("detail").isTextual()) {
                message = json.path("detail").asText();
            }
        } catch (RuntimeException e) {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            message = text.isEmpty() ? null : text;
        }
        if (message == null || message.isBlank()) {
            message = "upstream answered HTTP " + status;
        }
        if (message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS) + "…";
        }
        return envelope(errorType(status), message);
    }

    /** {@code {"type":"error","error":{"type":…,"message":…}}}. */
    public static ObjectNode envelope(String type, String message) {
        ObjectNode root = F.objectNode();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", type);
        error.put("message", message);
        return root;
    }

    /** Anthropic's error type for an HTTP status. */
    public static String errorType(int status) {
        return switch (status) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402, 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            case 504 -> "timeout_error";
            default -> "api_error";
        };
    }

    static String messageId(String chatId) {
        if (chatId.isEmpty()) {
            return "msg_translated";
        }
        return chatId.startsWith("msg_") ? chatId : "msg_" + chatId;
    }

    /** The text of a Chat {@code content}: a string, or the text parts of an array, joined. */
    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder b = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                b.append(part.path("text").asText());
            }
        }
        return b.toString();
    }
}
