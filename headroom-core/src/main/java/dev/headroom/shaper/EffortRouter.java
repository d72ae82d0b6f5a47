package dev.headroom.shaper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.pipeline.ErrorOutputs;
import dev.headroom.wire.WireFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * The effort step: a <em>mechanical continuation</em> — a request whose latest user turn holds only tool results,
 * none of them an error — needs less deliberation than a new question, so an effort the client set is lowered to
 * the mechanical effort and an enabled thinking budget is clamped to {@value #THINKING_BUDGET} tokens.
 *
 * <p>What counts as the latest user turn: Anthropic, the last message when it is a {@code user} message whose
 * content is a non-empty list of {@code tool_result} blocks only; Chat, the run of {@code tool} (or legacy
 * {@code function}) messages at the end of {@code messages}, after any trailing {@code system}/{@code developer}
 * message (such as the verbosity step's); Responses, the run of {@code *_call_output} items at
 * the end of {@code input}. A result is an error when it is marked ({@code is_error}) or reads as an error report
 * ({@link ErrorOutputs#isShortErrorReport}); one error result keeps full effort for the whole turn.
 *
 * <p>Fields lowered, only when present: Anthropic {@code output_config.effort} and
 * {@code thinking.budget_tokens} (when {@code thinking.type} is {@code enabled}); Chat {@code reasoning_effort}
 * (and {@code reasoning.effort}); Responses {@code reasoning.effort}. It never adds an effort, never raises one,
 * leaves a value it does not know alone and never switches thinking on or off. Anthropic accepts no effort below
 * {@code low}, so there a lower mechanical effort means {@code low}.
 */
final class EffortRouter {
    /** Efforts, from least to most. */
    static final List<String> EFFORTS = List.of("none", "minimal", "low", "medium", "high", "xhigh", "max");
    /** The thinking budget of a mechanical continuation (Anthropic's minimum). */
    static final int THINKING_BUDGET = 1024;

    private EffortRouter() {
    }

    /**
     * Lowers the effort of {@code root} in place when it is a mechanical continuation.
     *
     * @return the transforms applied, e.g. {@code output_shaper:effort:high->low}; empty when nothing changed
     */
    static List<String> apply(ObjectNode root, WireFormat format, String mechanicalEffort) {
        List<String> transforms = new ArrayList<>();
        if (!mechanical(root, format)) {
            return transforms;
        }
        switch (format) {
            case ANTHROPIC_MESSAGES -> {
                String target = EFFORTS.indexOf(mechanicalEffort) < EFFORTS.indexOf("low") ? "low" : mechanicalEffort;
                lower(root.get("output_config"), "effort", target, transforms);
                JsonNode thinking = root.get("thinking");
                if (thinking instanceof ObjectNode t && "enabled".equals(t.path("type").asText(""))
                        && t.path("budget_tokens").canConvertToLong() && t.path("budget_tokens").isIntegralNumber()
                        && t.get("budget_tokens").asLong() > THINKING_BUDGET) {
                    t.put("budget_tokens", THINKING_BUDGET);
                    transforms.add("output_shaper:thinking_budget->" + THINKING_BUDGET);
                }
            }
            case OPENAI_CHAT -> {
                lower(root, "reasoning_effort", mechanicalEffort, transforms);
                lower(root.get("reasoning"), "effort", mechanicalEffort, transforms);
            }
            case OPENAI_RESPONSES -> lower(root.get("reasoning"), "effort", mechanicalEffort, transforms);
            case GEMINI -> {
                // Gemini routes are not shaped (OutputShaper.shapes)
            }
        }
        return transforms;
    }

    /** Whether the latest user turn of {@code root} holds only tool results, none an error. */
    static boolean mechanical(JsonNode root, WireFormat format) {
        return switch (format) {
            case ANTHROPIC_MESSAGES -> anthropicContinuation(root.path("messages"));
            case OPENAI_CHAT -> chatContinuation(root.path("messages"));
            case OPENAI_RESPONSES -> responsesContinuation(root.path("input"));
            case GEMINI -> false;
        };
    }

    private static void lower(JsonNode holder, String field, String target, List<String> transforms) {
        if (!(holder instanceof ObjectNode object) || !object.path(field).isTextual()) {
            return;
        }
        String current = object.get(field).asText();
        int rank = EFFORTS.indexOf(current);
        if (rank > EFFORTS.indexOf(target)) {
            object.put(field, target);
            transforms.add("output_shaper:effort:" + current + "->" + target);
        }
    }

    private static boolean anthropicContinuation(JsonNode messages) {
        if (!messages.isArray() || messages.isEmpty()) {
            return false;
        }
        JsonNode last = messages.get(messages.size() - 1);
        JsonNode content = last.path("content");
        if (!"user".equals(last.path("role").asText("")) || !content.isArray() || content.isEmpty()) {
            return false;
        }
        for (JsonNode block : content) {
            if (!"tool_result".equals(block.path("type").asText("")) || block.path("is_error").asBoolean(false)
                    || isError(block.get("content"))) {
                return false;
            }
        }
        return true;
    }

    private static boolean chatContinuation(JsonNode messages) {
        if (!messages.isArray()) {
            return false;
        }
        int results = 0;
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText("");
            if (results == 0 && (role.equals("system") || role.equals("developer"))) {
                continue; // a trailing instruction (the verbosity step's own, say) is no user turn
            }
            if (!role.equals("tool") && !role.equals("function")) {
                break;
            }
            if (isError(message.get("content"))) {
                return false;
            }
            results++;
        }
        return results > 0;
    }

    private static boolean responsesContinuation(JsonNode input) {
        if (!input.isArray()) {
            return false;
        }
        int results = 0;
        for (int i = input.size() - 1; i >= 0; i--) {
            JsonNode item = input.get(i);
            if (!item.path("type").asText("").endsWith("_call_output")) {
                break;
            }
            if (isError(item.get("output"))) {
                return false;
            }
            results++;
        }
        return results > 0;
    }

    /** Whether a tool result's content (a string, or a list of parts with {@code text}) reads as an error report. */
    static boolean isError(JsonNode content) {
        if (content == null || content.isNull()) {
            return false;
        }
        if (content.isTextual()) {
            return ErrorOutputs.isShortErrorReport(content.asText());
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            sb.append(part.path("text").asText("")).append('\n');
        }
        return ErrorOutputs.isShortErrorReport(sb.toString());
    }
}
