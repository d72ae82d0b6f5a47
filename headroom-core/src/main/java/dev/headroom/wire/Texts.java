package dev.headroom.wire;

import com.fasterxml.jackson.databind.JsonNode;

/** Small helpers for reading message content. */
final class Texts {
    private Texts() {
    }

    /** Tool-call arguments that arrive as a JSON string (OpenAI), parsed; a missing node when unparseable. */
    static JsonNode arguments(JsonNode arguments) {
        if (arguments == null) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        if (!arguments.isTextual()) {
            return arguments;
        }
        try {
            return JsonCodec.parse(arguments.asText());
        } catch (RuntimeException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : "";
    }

    /**
     * The user-authored text of a content value: a string, or the text parts of a list (parts whose
     * {@code type} is one of {@code textTypes}). Empty when there is none.
     */
    static String userText(JsonNode content, String... textTypes) {
        if (content == null) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            String type = text(part, "type");
            for (String t : textTypes) {
                if (t.equals(type) && part.path("text").isTextual()) {
                    if (sb.length() > 0) {
                        sb.append('\n');
                    }
                    sb.append(part.get("text").asText());
                }
            }
        }
        return sb.toString();
    }
}
