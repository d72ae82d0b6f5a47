package dev.headroom.shaper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.WireFormat;

import java.util.List;
import java.util.Optional;

/**
 * The verbosity step: one short instruction appended as the <em>last</em> system content of a request, so that
 * every byte before it — and so every client {@code cache_control} breakpoint's cached prefix — stays as the
 * client sent it.
 *
 * <ul>
 *   <li>Anthropic Messages: a text block appended to {@code system}; a string system prompt becomes two blocks
 *       (the client's text, then the instruction), no system prompt becomes one block. No {@code cache_control} is
 *       added (never a 5th breakpoint).</li>
 *   <li>OpenAI Chat: a trailing message at the end of {@code messages}, with the role the client uses for its own
 *       instructions ({@code developer} when any message has it, else {@code system}).</li>
 *   <li>OpenAI Responses: a suffix of {@code instructions} (separated by a blank line), or the whole of it when
 *       there is none.</li>
 * </ul>
 *
 * <p>Idempotent: a request whose system content already holds any level's instruction (a client that resends
 * what it was forwarded) is left alone, so the instruction is never there twice. A system of a shape the step
 * does not know (neither string nor list) is left alone too. The text is a constant per level, so the output
 * is byte-stable.
 */
final class Verbosity {
    /** The tersest level. */
    static final int MAX_LEVEL = 4;

    private static final String L1 = "Output style: answer directly. No preamble, no recap of what you did or are about to do.";
    private static final String L2 = L1 + " Never restate code or tool output; reference it as path:line."
            + " After a successful tool call, go on to the next step without narrating it.";
    private static final String L3 = L2 + " Give conclusions only, and make the smallest edit that does the job.";
    private static final String L4 = "Output style: use the minimum number of tokens. Conclusions only; the smallest edit;"
            + " no preamble, recap or narration; never restate code or tool output, reference path:line.";
    private static final List<String> TEXTS = List.of(L1, L2, L3, L4);

    private Verbosity() {
    }

    /** The instruction of {@code level} (1 to {@link #MAX_LEVEL}). */
    static String instruction(int level) {
        return TEXTS.get(level - 1);
    }

    /** The transform name of {@code level}, e.g. {@code output_shaper:verbosity:L2}. */
    static String transform(int level) {
        return "output_shaper:verbosity:L" + level;
    }

    /**
     * Appends the instruction of {@code level} to {@code root} in place.
     *
     * @return the transform name when the request was changed; empty when it already carried an instruction or
     *         its system content has a shape this step leaves alone
     */
    static Optional<String> apply(ObjectNode root, WireFormat format, int level) {
        boolean changed = switch (format) {
            case ANTHROPIC_MESSAGES -> anthropic(root, instruction(level));
            case OPENAI_CHAT -> chat(root, instruction(level));
            case OPENAI_RESPONSES -> responses(root, instruction(level));
            case GEMINI -> false; // Gemini routes are not shaped (OutputShaper.shapes)
        };
        return changed ? Optional.of(transform(level)) : Optional.empty();
    }

    private static boolean anthropic(ObjectNode root, String text) {
        JsonNode system = root.get("system");
        if (system == null || system.isNull() || (system.isTextual() && system.asText().isEmpty())) {
            root.putArray("system").addObject().put("type", "text").put("text", text);
            return true;
        }
        if (system.isTextual()) {
            if (carries(system.asText())) {
                return false;
            }
            ArrayNode blocks = root.arrayNode();
            blocks.addObject().put("type", "text").put("text", system.asText());
            blocks.addObject().put("type", "text").put("text", text);
            root.set("system", blocks);
            return true;
        }
        if (!system.isArray()) {
            return false;
        }
        for (JsonNode block : system) {
            if (carries(block.path("text").asText(""))) {
                return false;
            }
        }
        ((ArrayNode) system).addObject().put("type", "text").put("text", text);
        return true;
    }

    private static boolean chat(ObjectNode root, String text) {
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray()) {
            return false;
        }
        boolean developer = false;
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            if (role.equals("system") || role.equals("developer")) {
                developer |= role.equals("developer");
                if (carries(contentText(message.get("content")))) {
                    return false;
                }
            }
        }
        ((ArrayNode) messages).addObject().put("role", developer ? "developer" : "system").put("content", text);
        return true;
    }

    private static boolean responses(ObjectNode root, String text) {
        JsonNode instructions = root.get("instructions");
        if (instructions == null || instructions.isNull() || (instructions.isTextual() && instructions.asText().isEmpty())) {
            root.put("instructions", text);
            return true;
        }
        if (!instructions.isTextual() || carries(instructions.asText())) {
            return false;
        }
        root.put("instructions", instructions.asText() + "\n\n" + text);
        return true;
    }

    /** The text of a Chat message's content: a string, or the text parts of a list, joined. */
    private static String contentText(JsonNode content) {
        if (content == null) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            sb.append(part.path("text").asText("")).append('\n');
        }
        return sb.toString();
    }

    /** Whether {@code text} already holds the instruction of some level. */
    private static boolean carries(String text) {
        for (String t : TEXTS) {
            if (text.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
