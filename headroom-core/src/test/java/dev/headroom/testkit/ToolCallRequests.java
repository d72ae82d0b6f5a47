package dev.headroom.testkit;

import dev.headroom.wire.JsonCodec;

/**
 * The same conversation in the three wire formats: a user question, then two tool calls (named as the test says),
 * each answered by its result. In Anthropic Messages the results are {@code /messages/2/content/0|1/content}; in
 * OpenAI Chat {@code /messages/2|3/content}; in OpenAI Responses {@code /input/3|4/output}.
 */
public final class ToolCallRequests {
    private ToolCallRequests() {
    }

    /** A JSON string literal. */
    public static String quoted(String s) {
        return JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(s));
    }

    /** Anthropic Messages: two {@code tool_use} blocks, each answered by a {@code tool_result}. */
    public static String anthropic(String tool1, String result1, String tool2, String result2) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"what happened?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":" + quoted(tool1)
                + ",\"input\":{\"command\":\"make\"}},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":" + quoted(tool2) + ",\"input\":{\"pattern\":\"x\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":" + quoted(result1) + "},"
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_2\",\"content\":" + quoted(result2) + "}]}]}";
    }

    /** OpenAI Chat Completions: two {@code tool_calls}, each answered by a {@code tool} message. */
    public static String chat(String tool1, String result1, String tool2, String result2) {
        return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"what happened?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":" + quoted(tool1)
                + ",\"arguments\":\"{\\\"command\\\":\\\"make\\\"}\"}},"
                + "{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":" + quoted(tool2) + ",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":" + quoted(result1) + "},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_2\",\"content\":" + quoted(result2) + "}]}";
    }

    /** OpenAI Responses: two {@code function_call} items, each answered by a {@code function_call_output}. */
    public static String responses(String tool1, String result1, String tool2, String result2) {
        return "{\"model\":\"gpt-4o\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"what happened?\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":" + quoted(tool1) + ",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"call_2\",\"name\":" + quoted(tool2) + ",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":" + quoted(result1) + "},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_2\",\"output\":" + quoted(result2) + "}]}";
    }
}
