package dev.headroom.shaper;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.WireFormat;

/**
 * What the latest user turn of a request is, the second dimension of the holdout's strata (output length differs
 * a lot between them): a {@link #TOOL_CONTINUATION} holds only non-error tool results (the effort router's
 * mechanical continuation); an {@link #ERROR} holds tool results of which at least one is an error; anything else
 * (a new question, or tool results with the user's own text beside them) is a {@link #QUESTION}.
 */
public enum TurnKind {
    QUESTION("question"),
    TOOL_CONTINUATION("tool_continuation"),
    ERROR("error");

    private final String code;

    TurnKind(String code) {
        this.code = code;
    }

    /** The name used in stats and the history, such as {@code tool_continuation}. */
    public String code() {
        return code;
    }

    /** The kind of the latest user turn of {@code root}. */
    public static TurnKind of(JsonNode root, WireFormat format) {
        if (EffortRouter.mechanical(root, format)) {
            return TOOL_CONTINUATION;
        }
        return latestResultIsError(root, format) ? ERROR : QUESTION;
    }

    private static boolean latestResultIsError(JsonNode root, WireFormat format) {
        switch (format) {
            case ANTHROPIC_MESSAGES -> {
                JsonNode messages = root.path("messages");
                if (!messages.isArray() || messages.isEmpty()) {
                    return false;
                }
                JsonNode last = messages.get(messages.size() - 1);
                if (!"user".equals(last.path("role").asText(""))) {
                    return false;
                }
                for (JsonNode block : last.path("content")) {
                    if ("tool_result".equals(block.path("type").asText(""))
                            && (block.path("is_error").asBoolean(false) || EffortRouter.isError(block.get("content")))) {
                        return true;
                    }
                }
                return false;
            }
            case OPENAI_CHAT -> {
                JsonNode messages = root.path("messages");
                for (int i = messages.size() - 1; i >= 0; i--) {
                    String role = messages.get(i).path("role").asText("");
                    if (role.equals("system") || role.equals("developer")) {
                        continue;
                    }
                    if (!role.equals("tool") && !role.equals("function")) {
                        return false;
                    }
                    if (EffortRouter.isError(messages.get(i).get("content"))) {
                        return true;
                    }
                }
                return false;
            }
            case OPENAI_RESPONSES -> {
                JsonNode input = root.path("input");
                for (int i = input.size() - 1; i >= 0; i--) {
                    JsonNode item = input.get(i);
                    if (!item.path("type").asText("").endsWith("_call_output")) {
                        return false;
                    }
                    if (EffortRouter.isError(item.get("output"))) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }
}
