package dev.headroom.memory.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.gateway.Headers;
import dev.headroom.wire.WireFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which project a request belongs to: the {@code x-headroom-project-id} header, else {@code x-headroom-cwd},
 * else the working directory the client states near the start of the conversation (Claude Code:
 * "Working directory: /path" in its system prompt; Codex: {@code <cwd>/path</cwd>} in its environment
 * context message). Paths lose a trailing slash, so {@code /a/b/} and {@code /a/b} are one project.
 */
public final class ProjectResolver {
    /** How many conversation items are searched for a working directory. */
    static final int ITEMS_SEARCHED = 8;
    private static final Pattern WORKING_DIRECTORY = Pattern.compile(
            "(?m)^\\s*(?:Primary )?[Ww]orking directory:\\s*(\\S[^\\r\\n]*?)\\s*$");
    private static final Pattern CWD_TAG = Pattern.compile("<cwd>\\s*([^<\\r\\n]+?)\\s*</cwd>");

    /** A resolved project and how it was found ({@code header:project-id}, {@code header:cwd}, {@code prompt}). */
    public record Project(String key, String source) {
    }

    private ProjectResolver() {
    }

    public static Optional<Project> resolve(Headers headers, JsonNode request, WireFormat format) {
        Optional<String> id = headers.first("x-headroom-project-id").map(String::strip).filter(s -> !s.isEmpty());
        if (id.isPresent()) {
            return Optional.of(new Project(id.get(), "header:project-id"));
        }
        Optional<String> cwd = headers.first("x-headroom-cwd").map(String::strip).filter(s -> !s.isEmpty());
        if (cwd.isPresent()) {
            return Optional.of(new Project(normalise(cwd.get()), "header:cwd"));
        }
        for (String text : earlyTexts(request, format)) {
            Matcher m = WORKING_DIRECTORY.matcher(text);
            if (m.find()) {
                return Optional.of(new Project(normalise(m.group(1)), "prompt"));
            }
            m = CWD_TAG.matcher(text);
            if (m.find()) {
                return Optional.of(new Project(normalise(m.group(1)), "prompt"));
            }
        }
        return Optional.empty();
    }

    /** A path without its trailing slashes (the root stays "/"). */
    public static String normalise(String path) {
        String p = path.strip();
        while (p.length() > 1 && (p.endsWith("/") || p.endsWith("\\"))) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** The system prompt's texts and those of the first conversation items. */
    private static List<String> earlyTexts(JsonNode request, WireFormat format) {
        List<String> out = new ArrayList<>();
        switch (format) {
            case ANTHROPIC_MESSAGES -> texts(request.path("system"), out);
            case OPENAI_RESPONSES -> texts(request.path("instructions"), out);
            default -> {
            }
        }
        JsonNode items = format == WireFormat.OPENAI_RESPONSES ? request.path("input") : request.path("messages");
        if (items.isTextual()) {
            out.add(items.asText());
        }
        int n = 0;
        for (JsonNode item : items) {
            if (n++ >= ITEMS_SEARCHED) {
                break;
            }
            texts(item.path("content"), out);
        }
        return out;
    }

    private static void texts(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode part : node) {
                if (part.path("text").isTextual()) {
                    out.add(part.path("text").asText());
                }
            }
        }
    }
}
