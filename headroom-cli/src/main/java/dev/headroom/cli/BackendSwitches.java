package dev.headroom.cli;

import dev.headroom.core.NoSuchBackendException;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.MessagesUpstream;
import dev.headroom.spi.Backend;
import dev.headroom.spi.UpstreamDialect;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code --backend NAME} (a picocli mixin of {@code proxy}): which backend serves the Anthropic Messages routes.
 * {@code anthropic} (default) forwards to {@code --anthropic-api-url}; an OpenAI-compatible backend
 * ({@code openrouter}, {@code anyllm}, {@code litellm-PROVIDER}, or a plugin's) is reached at
 * {@code --openai-api-url} when that is given, else at the backend's own address; a plugin backend that speaks
 * Anthropic is reached at {@code --anthropic-api-url} when given, else at its own address.
 */
final class BackendSwitches {
    static final URI OPENAI_DEFAULT = URI.create("https://api.openai.com");
    static final URI ANTHROPIC_DEFAULT = URI.create("https://api.anthropic.com");

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "${env:HEADROOM_BACKEND:-anthropic}",
            description = {"Who serves Anthropic-format clients (Claude Code) on /v1/messages: anthropic (default); "
                    + "openrouter (OPENROUTER_API_KEY; model names passed through); anyllm (any OpenAI-compatible server "
                    + "at --openai-api-url: Ollama, vLLM, LM Studio; ANYLLM_API_KEY if it needs one); litellm-PROVIDER "
                    + "(a LiteLLM gateway at --openai-api-url, default http://127.0.0.1:4000; models sent as "
                    + "PROVIDER/model; LITELLM_API_KEY); or the name of a Backend plugin on the classpath. Requests are "
                    + "compressed first, then translated to OpenAI Chat and the answers back. Env: HEADROOM_BACKEND."})
    String backend;

    /**
     * The selected backend with its address.
     *
     * @throws IllegalArgumentException with a message for the user (unknown name, bad litellm provider)
     */
    MessagesUpstream messagesUpstream(Backends backends, URI anthropicApiUrl, URI openaiApiUrl, Function<String, String> env) {
        String name = backend == null ? "anthropic" : backend.strip().toLowerCase(Locale.ROOT);
        if (name.equals("anthropic")) {
            // the built-in (or a plugin that replaced it): the Anthropic routes as they always were
            return MessagesUpstream.anthropic();
        }
        Backend chosen;
        try {
            chosen = MessagesUpstream.resolve(backends, name);
        } catch (NoSuchBackendException e) {
            throw new IllegalArgumentException("--backend: " + e.getMessage()
                    + " (and litellm-PROVIDER for a LiteLLM gateway)");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--backend: " + e.getMessage());
        }
        if (chosen.name().equals("openai") || chosen.name().equals("gemini")) {
            throw new IllegalArgumentException("--backend " + chosen.name() + " serves its own routes; for an "
                    + "OpenAI-compatible server behind Anthropic clients use --backend anyllm --openai-api-url URL");
        }
        URI base = chosen.messagesDialect() == UpstreamDialect.OPENAI_CHAT
                ? (openaiApiUrl.equals(OPENAI_DEFAULT) ? chosen.defaultBaseUrl() : openaiApiUrl)
                : (anthropicApiUrl.equals(ANTHROPIC_DEFAULT) ? chosen.defaultBaseUrl() : anthropicApiUrl);
        return MessagesUpstream.of(chosen, base, env);
    }

    /** The banner line. */
    static String describe(MessagesUpstream messages) {
        if (messages.isDefault()) {
            return "  backend: anthropic";
        }
        return "  backend: " + messages.name() + " at " + messages.baseUrl().map(URI::toString).orElse("?") + " ("
                + dialect(messages.dialect()) + "; " + credentials(messages) + ")";
    }

    /** Which credential variables are set, never their values. */
    static String credentials(MessagesUpstream messages) {
        if (messages.credentialVariables().isEmpty()) {
            return "no credentials read";
        }
        String names = String.join(", ", messages.credentialVariables());
        if (messages.credentialsSet()) {
            return names + " set";
        }
        return names + (messages.credentialsRequired() ? " NOT SET" : " not set (optional)");
    }


    static String dialect(UpstreamDialect dialect) {
        return switch (dialect) {
            case ANTHROPIC_MESSAGES -> "Anthropic Messages";
            case OPENAI_CHAT -> "translated to OpenAI Chat";
            case BEDROCK_INVOKE -> "Bedrock InvokeModel";
        };
    }
}
