package dev.headroom.cli;

import dev.headroom.bedrock.BedrockBackend;
import dev.headroom.core.NoSuchBackendException;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.MessagesUpstream;
import dev.headroom.spi.Backend;
import dev.headroom.spi.UpstreamDialect;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code --backend NAME} (a picocli mixin of {@code proxy}): which backend serves the Anthropic Messages routes.
 * {@code anthropic} (default) forwards to {@code --anthropic-api-url}; an OpenAI-compatible backend
 * ({@code openrouter}, {@code anyllm}, {@code litellm-PROVIDER}, or a plugin's) is reached at
 * {@code --openai-api-url} when that is given, else at the backend's own address; a plugin backend that speaks
 * Anthropic is reached at {@code --anthropic-api-url} when given, else at its own address. {@code --region}
 * configures the {@code bedrock} backend ({@link #configure}); {@code --bedrock-api-url} turns on the Bedrock
 * passthrough routes.
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

    @Option(names = "--region", paramLabel = "REGION",
            defaultValue = "${env:HEADROOM_REGION:-${env:AWS_REGION:-${env:AWS_DEFAULT_REGION:-us-west-2}}}",
            description = {"AWS region of the bedrock backend and of the --bedrock-api-url routes' signatures "
                    + "(default us-west-2): its endpoint bedrock-runtime.REGION.amazonaws.com and the model ids' "
                    + "inference profiles (us., eu., apac.). Env: HEADROOM_REGION, else AWS_REGION or AWS_DEFAULT_REGION."})
    String region;

    @Option(names = "--bedrock-api-url", paramLabel = "URL", defaultValue = "${env:BEDROCK_TARGET_API_URL}",
            description = {"Serve Bedrock clients too: POST /model/{id}/invoke and /model/{id}/invoke-with-response-stream "
                    + "are compressed (the Anthropic body inside) and forwarded to URL, such as "
                    + "https://bedrock-runtime.us-west-2.amazonaws.com, signed again with SigV4 by the proxy's AWS "
                    + "credentials and --region. Off by default. Env: BEDROCK_TARGET_API_URL."})
    URI bedrockApiUrl;

    /**
     * The discovered backends with the {@code bedrock} one built for {@code --region} (unless a plugin replaced
     * it: a plugin configures itself).
     *
     * @throws IllegalArgumentException for a malformed region
     */
    Backends configure(Backends discovered) {
        if (!discovered.names().contains("bedrock") || !(discovered.byName("bedrock") instanceof BedrockBackend)) {
            return discovered;
        }
        try {
            return discovered.with(new BedrockBackend(region == null ? BedrockBackend.DEFAULT_REGION : region, null,
                    Clock.systemUTC()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--region: " + e.getMessage());
        }
    }

    /** Checks {@code --bedrock-api-url}: an absolute http(s) URL, or null when not given. */
    URI bedrockApiUrl() {
        if (bedrockApiUrl == null) {
            return null;
        }
        String scheme = bedrockApiUrl.getScheme() == null ? "" : bedrockApiUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || bedrockApiUrl.getHost() == null) {
            throw new IllegalArgumentException("--bedrock-api-url must be an http(s) URL such as "
                    + "https://bedrock-runtime.us-west-2.amazonaws.com, got '" + bedrockApiUrl + "'");
        }
        return bedrockApiUrl;
    }

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
        if (messages.dialect() == UpstreamDialect.BEDROCK_INVOKE) { // the AWS chain: variables, profiles, SSO, roles
            return messages.credentialsSet() ? "AWS credentials found" : "NO AWS credentials found (AWS_PROFILE, "
                    + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws, SSO or a role)";
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
