package dev.headroom.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A coding agent {@code headroom wrap} knows how to point at the proxy, for its own process only: the
 * variables and leading arguments it gets, never a change to its configuration files.
 *
 * <ul>
 *   <li>{@code claude}: {@code ANTHROPIC_BASE_URL}; with a proxy token, {@code ANTHROPIC_CUSTOM_HEADERS}
 *       carries {@code x-headroom-token}.</li>
 *   <li>{@code codex}: its built-in {@code openai} provider ignores {@code OPENAI_BASE_URL}, so a provider
 *       {@code headroom} is defined and chosen with {@code -c} overrides (Responses wire API, the key from
 *       {@code OPENAI_API_KEY} when set, else Codex's own login; the token through {@code env_http_headers},
 *       so it never appears in the arguments).</li>
 *   <li>{@code aider}: {@code ANTHROPIC_BASE_URL}, {@code OPENAI_API_BASE} and {@code OPENAI_BASE_URL}.</li>
 *   <li>{@code opencode}: {@code OPENCODE_CONFIG_CONTENT} with the Anthropic and OpenAI providers' base URLs
 *       (left alone when the user already sets it), plus the two base-URL variables.</li>
 *   <li>{@code goose}: {@code ANTHROPIC_HOST} and {@code OPENAI_HOST}.</li>
 * </ul>
 */
enum WrapTarget {
    CLAUDE("claude"), CODEX("codex"), AIDER("aider"), OPENCODE("opencode"), GOOSE("goose");

    /** The name on the command line and the executable looked up on {@code PATH}. */
    final String command;

    WrapTarget(String command) {
        this.command = command;
    }

    /** The target named {@code name}, case-insensitively. */
    static Optional<WrapTarget> named(String name) {
        for (WrapTarget t : values()) {
            if (t.command.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** What the child gets: variables to set and arguments to put before the user's. */
    record Launch(Map<String, String> env, List<String> leadingArgs, List<String> notes) {
    }

    /**
     * The launch for a proxy at {@code base} ({@code http://127.0.0.1:PORT}) with the caller's environment
     * {@code env}, whose {@code HEADROOM_PROXY_TOKEN}, when set, is passed on in the agent's own way.
     */
    Launch launch(String base, Map<String, String> env) {
        Map<String, String> vars = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String token = env.getOrDefault("HEADROOM_PROXY_TOKEN", "");
        boolean hasToken = !token.isBlank();
        String v1 = base + "/v1";
        switch (this) {
            case CLAUDE -> {
                vars.put("ANTHROPIC_BASE_URL", base);
                if (hasToken) {
                    String custom = env.getOrDefault("ANTHROPIC_CUSTOM_HEADERS", "");
                    vars.put("ANTHROPIC_CUSTOM_HEADERS", (custom.isBlank() ? "" : custom + "\n") + "x-headroom-token: " + token);
                }
            }
            case CODEX -> {
                vars.put("OPENAI_BASE_URL", v1);
                StringBuilder provider = new StringBuilder("model_providers.headroom={name=\"headroom\",base_url=")
                        .append(toml(v1)).append(",wire_api=\"responses\"");
                if (!env.getOrDefault("OPENAI_API_KEY", "").isBlank()) {
                    provider.append(",env_key=\"OPENAI_API_KEY\"");
                } else {
                    provider.append(",requires_openai_auth=true");
                }
                if (hasToken) {
                    provider.append(",env_http_headers={\"x-headroom-token\"=\"HEADROOM_PROXY_TOKEN\"}");
                }
                provider.append('}');
                args.addAll(List.of("-c", "model_provider=\"headroom\"", "-c", provider.toString()));
            }
            case AIDER -> {
                vars.put("ANTHROPIC_BASE_URL", base);
                vars.put("OPENAI_API_BASE", v1);
                vars.put("OPENAI_BASE_URL", v1);
                if (hasToken) {
                    notes.add("aider cannot send x-headroom-token: use a proxy without HEADROOM_PROXY_TOKEN on loopback");
                }
            }
            case OPENCODE -> {
                vars.put("ANTHROPIC_BASE_URL", base);
                vars.put("OPENAI_BASE_URL", v1);
                if (env.containsKey("OPENCODE_CONFIG_CONTENT")) {
                    notes.add("OPENCODE_CONFIG_CONTENT is already set, so it is left alone: set the providers' baseURL to "
                            + v1 + " in it yourself");
                } else {
                    String headers = hasToken ? ",\"headers\":{\"x-headroom-token\":" + json(token) + "}" : "";
                    String options = "{\"options\":{\"baseURL\":" + json(v1) + headers + "}}";
                    vars.put("OPENCODE_CONFIG_CONTENT", "{\"provider\":{\"anthropic\":" + options + ",\"openai\":" + options + "}}");
                }
            }
            case GOOSE -> {
                vars.put("ANTHROPIC_HOST", base);
                vars.put("OPENAI_HOST", base);
                if (hasToken) {
                    notes.add("goose cannot send x-headroom-token: use a proxy without HEADROOM_PROXY_TOKEN on loopback");
                }
            }
            default -> throw new IllegalStateException(name());
        }
        return new Launch(vars, List.copyOf(args), List.copyOf(notes));
    }

    /** A TOML basic string. */
    private static String toml(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A JSON string. */
    private static String json(String s) {
        return dev.headroom.wire.JsonCodec.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
    }

    /** The names, for messages: {@code claude|codex|aider|opencode|goose}. */
    static String names() {
        StringBuilder b = new StringBuilder();
        for (WrapTarget t : values()) {
            b.append(b.length() == 0 ? "" : "|").append(t.command);
        }
        return b.toString();
    }
}
