package dev.headroom.memory.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.WireFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * {@code --learn}: recognises stable facts in a request's shell tool calls and their results — a build or test
 * command that succeeded, the package manager it used, and error → fix pairs (a command failed and the next
 * one of the same program succeeded) — and saves each as a learned memory once it was seen in
 * {@code minEvidence} distinct tool calls (a conversation resent on every turn counts each call once).
 */
final class Learner {
    private static final Pattern BUILD = Pattern.compile("(^|[\\s/;&|])(mvn|mvnw|gradle|gradlew|make|cargo build|go build|"
            + "npm run build|yarn build|pnpm build|tsc|cmake --build)(\\s|$)");
    private static final Pattern TEST = Pattern.compile("(^|[\\s/;&|])(mvn(w)? [^|;&]*\\b(test|verify)\\b|gradlew? [^|;&]*\\btest\\b|"
            + "npm test|npm run test|yarn test|pnpm test|cargo test|go test|pytest|python -m pytest|make test|tox)");
    private static final List<String> MANAGERS = List.of("pnpm", "yarn", "npm", "poetry", "uv", "pip", "cargo",
            "./mvnw", "mvn", "./gradlew", "gradle", "go", "bundle", "composer");
    private static final Pattern FAILED = Pattern.compile("(?i)(BUILD FAILURE|BUILD FAILED|\\bFAILED\\b|\\bERROR\\b|"
            + "command not found|No such file or directory|exit code [1-9]|exited with [1-9]|Process exited with code [1-9]|"
            + "npm ERR!|Traceback \\(most recent call last\\))");
    private static final int MAX_COMMAND = 200;

    private final int minEvidence;
    private final AtomicLong saved = new AtomicLong();

    Learner(int minEvidence) {
        this.minEvidence = minEvidence;
    }

    long saved() {
        return saved.get();
    }

    /** One shell command and how it went. */
    record Run(String callId, String command, boolean failed) {
    }

    /** Looks at the request's tool runs and counts (and, with enough evidence, saves) what they show. */
    void observe(ObjectNode request, WireFormat format, MemoryStore store) {
        List<Run> runs = runs(request, format);
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            if (run.failed()) {
                if (i + 1 < runs.size()) {
                    Run next = runs.get(i + 1);
                    if (!next.failed() && program(next.command()).equals(program(run.command()))
                            && !next.command().equals(run.command())) {
                        count("`" + run.command() + "` failed; `" + next.command() + "` worked instead", "fix",
                                run.callId() + ">" + next.callId(), store);
                    }
                }
                continue;
            }
            String lower = run.command().toLowerCase(Locale.ROOT);
            if (TEST.matcher(lower).find()) {
                count("Test command that works: `" + run.command() + "`", "command", run.callId(), store);
            } else if (BUILD.matcher(lower).find()) {
                count("Build command that works: `" + run.command() + "`", "command", run.callId(), store);
            } else {
                continue;
            }
            manager(run.command()).ifPresent(m -> count("Package manager / build tool: " + m, "convention", run.callId(), store));
        }
    }

    private void count(String fact, String category, String evidence, MemoryStore store) {
        if (store.sighting(fact, category, evidence) >= minEvidence && !store.containsText(fact)) {
            store.save(fact, category, 0.6, Optional.empty(), true);
            saved.incrementAndGet();
        }
    }

    static Optional<String> manager(String command) {
        String first = program(command);
        for (String m : MANAGERS) {
            if (first.equals(m)) {
                return Optional.of(m.startsWith("./") ? m.substring(2) : m);
            }
        }
        return Optional.empty();
    }

    static String program(String command) {
        String c = command.strip();
        int space = c.indexOf(' ');
        return space < 0 ? c : c.substring(0, space);
    }

    /** The shell runs of the conversation with their outcome, in order. */
    static List<Run> runs(JsonNode request, WireFormat format) {
        List<Run> runs = new ArrayList<>();
        java.util.Map<String, String> commands = new java.util.LinkedHashMap<>();
        JsonNode items = format == WireFormat.OPENAI_RESPONSES ? request.path("input") : request.path("messages");
        for (JsonNode item : items) {
            switch (format) {
                case ANTHROPIC_MESSAGES -> {
                    for (JsonNode block : item.path("content")) {
                        String type = block.path("type").asText();
                        if (type.equals("tool_use")) {
                            command(block.path("input")).ifPresent(c -> commands.put(block.path("id").asText(), c));
                        } else if (type.equals("tool_result")) {
                            String id = block.path("tool_use_id").asText();
                            String c = commands.remove(id);
                            if (c != null) {
                                runs.add(new Run(id, c, block.path("is_error").asBoolean(false) || failed(text(block.path("content")))));
                            }
                        }
                    }
                }
                case OPENAI_CHAT -> {
                    for (JsonNode call : item.path("tool_calls")) {
                        command(parse(call.path("function").path("arguments")))
                                .ifPresent(c -> commands.put(call.path("id").asText(), c));
                    }
                    if ("tool".equals(item.path("role").asText())) {
                        String id = item.path("tool_call_id").asText();
                        String c = commands.remove(id);
                        if (c != null) {
                            runs.add(new Run(id, c, failed(text(item.path("content")))));
                        }
                    }
                }
                case OPENAI_RESPONSES -> {
                    String type = item.path("type").asText();
                    if (type.equals("function_call") || type.equals("local_shell_call")) {
                        JsonNode args = type.equals("function_call") ? parse(item.path("arguments")) : item.path("action");
                        command(args).ifPresent(c -> commands.put(item.path("call_id").asText(), c));
                    } else if (type.endsWith("_call_output")) {
                        String id = item.path("call_id").asText();
                        String c = commands.remove(id);
                        if (c != null) {
                            runs.add(new Run(id, c, failed(text(item.path("output")))));
                        }
                    }
                }
            }
        }
        return runs;
    }

    /** The shell command of a tool input: {@code command} as a string, or Codex's {@code ["bash","-lc","…"]}. */
    static Optional<String> command(JsonNode input) {
        JsonNode c = input.path("command");
        String text = null;
        if (c.isTextual()) {
            text = c.asText();
        } else if (c.isArray() && !c.isEmpty()) {
            JsonNode last = c.get(c.size() - 1);
            text = c.size() >= 3 && last.isTextual() && c.get(1).asText().startsWith("-") ? last.asText() : null;
            if (text == null) {
                List<String> parts = new ArrayList<>();
                c.forEach(p -> parts.add(p.asText()));
                text = String.join(" ", parts);
            }
        }
        if (text == null || text.isBlank() || text.contains("\n")) {
            return Optional.empty();
        }
        String t = text.strip();
        return t.length() > MAX_COMMAND ? Optional.empty() : Optional.of(t);
    }

    static boolean failed(String output) {
        return FAILED.matcher(output).find();
    }

    private static JsonNode parse(JsonNode arguments) {
        if (!arguments.isTextual()) {
            return arguments;
        }
        try {
            return JsonCodec.parse(arguments.asText());
        } catch (RuntimeException e) {
            return JsonCodec.mapper().missingNode();
        }
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder b = new StringBuilder();
        for (JsonNode part : content) {
            b.append(part.path("text").asText("")).append('\n');
        }
        return b.toString();
    }
}
