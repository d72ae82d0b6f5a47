package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.NoSuchBackendException;
import dev.headroom.spi.Backend;
import dev.headroom.spi.UpstreamDialect;
import dev.headroom.spi.Usage;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which backend serves the Anthropic Messages routes ({@code headroom proxy --backend NAME}): the built-in
 * {@code anthropic} (the default, forwarding to {@link GatewayConfig#anthropicBaseUrl()}), or another backend
 * found by name — {@code openrouter}, {@code anyllm}, {@code litellm-PROVIDER}, or a third-party jar's.
 * Compression, the output shaper and retrieval run on the client's Anthropic body first; then a backend whose
 * {@link Backend#messagesDialect()} is OpenAI Chat is reached through {@link ChatTranslatingUpstream}, and an
 * Anthropic-dialect backend gets the body as it is, at its own URL and with its own credentials when it has any.
 * The client always sees Anthropic's envelope and usage; stats name the selected backend.
 */
public final class MessagesUpstream {
    private static final MessagesUpstream DEFAULT = new MessagesUpstream(null, null, System::getenv);

    private final Backend backend;
    private final URI baseUrl;
    private final Function<String, String> env;

    private MessagesUpstream(Backend backend, URI baseUrl, Function<String, String> env) {
        this.backend = backend;
        this.baseUrl = baseUrl;
        this.env = env;
    }

    /** The built-in Anthropic backend at {@link GatewayConfig#anthropicBaseUrl()}: today's behaviour. */
    public static MessagesUpstream anthropic() {
        return DEFAULT;
    }

    /**
     * @param backend the backend that serves the Anthropic routes
     * @param baseUrl its upstream base
     * @param env     where credentials are read from ({@code System::getenv} in the proxy)
     */
    public static MessagesUpstream of(Backend backend, URI baseUrl, Function<String, String> env) {
        return new MessagesUpstream(Objects.requireNonNull(backend, "backend"), Objects.requireNonNull(baseUrl, "baseUrl"),
                Objects.requireNonNull(env, "env"));
    }

    /**
     * The backend named {@code name}: one of {@code backends}, or for {@code litellm-PROVIDER} a
     * {@link LiteLlmBackend} for that provider when no backend has that exact name.
     *
     * @throws NoSuchBackendException listing the available names
     * @throws IllegalArgumentException for a {@code litellm-} name without a valid provider
     */
    public static Backend resolve(Backends backends, String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.startsWith(LiteLlmBackend.PREFIX) && !backends.names().contains(n)) {
            return new LiteLlmBackend(n.substring(LiteLlmBackend.PREFIX.length()));
        }
        return backends.byName(n);
    }

    /** Whether the Anthropic routes go to the built-in Anthropic backend, unchanged. */
    public boolean isDefault() {
        return backend == null;
    }

    /** The selected backend's name ({@code anthropic} by default). */
    public String name() {
        return backend == null ? "anthropic" : backend.name();
    }

    /** What the upstream speaks. */
    public UpstreamDialect dialect() {
        return backend == null ? UpstreamDialect.ANTHROPIC_MESSAGES : backend.messagesDialect();
    }

    /** The upstream base, when another backend is selected. */
    public Optional<URI> baseUrl() {
        return Optional.ofNullable(baseUrl);
    }

    /** The variables the backend reads its credentials from (none for the default: clients send their keys). */
    public List<String> credentialVariables() {
        return backend == null ? List.of() : backend.credentialVariables();
    }

    /** Whether every credential the backend needs is present (true when it needs none); never the values. */
    public boolean credentialsPresent() {
        return !credentialsRequired() || credentialsSet();
    }

    /** Whether the backend's credentials are set in its environment (false when it reads none). */
    public boolean credentialsSet() {
        return backend != null && backend.hasCredentials(env);
    }

    /** Whether the backend cannot serve requests without its credentials. */
    public boolean credentialsRequired() {
        return backend != null && backend.credentialsRequired();
    }

    /** The backend the gateway reports with on Anthropic routes: the selected name, Anthropic's envelope and usage. */
    Backend clientFacing(Backend anthropic) {
        return backend == null ? anthropic : new ClientFacing(backend.name(), anthropic);
    }

    /** How an Anthropic-route request reaches the upstream. */
    UpstreamSend sender(UpstreamCaller caller, String path, String rawQuery) {
        if (backend == null) {
            return caller::send;
        }
        return switch (backend.messagesDialect()) {
            case OPENAI_CHAT -> new ChatTranslatingUpstream(caller, backend, baseUrl, env, path);
            case BEDROCK_INVOKE -> new BedrockUpstream(caller, backend, baseUrl, path);
            case ANTHROPIC_MESSAGES -> (method, ignored, headers, body) -> {
                Map<String, String> credentials = backend.credentialHeaders(env);
                Headers h = headers;
                if (!credentials.isEmpty()) {
                    Headers.Builder b = Headers.builder();
                    headers.forEach((name, value) -> {
                        if (!name.equalsIgnoreCase("x-api-key") && !name.equalsIgnoreCase("authorization")) {
                            b.add(name, value);
                        }
                    });
                    credentials.forEach(b::set);
                    h = b.build();
                }
                return caller.send(method, backend.upstreamUri(baseUrl, path, rawQuery), h, body);
            };
        };
    }

    /** Whether {@code backend} is one that {@link #clientFacing} made (its clients speak Anthropic). */
    static boolean isClientFacing(Backend backend) {
        return backend instanceof ClientFacing;
    }

    /** The selected backend's name in stats; the Anthropic client's error envelope and usage shape. */
    private record ClientFacing(String name, Backend anthropic) implements Backend {
        @Override
        public URI defaultBaseUrl() {
            return anthropic.defaultBaseUrl();
        }

        @Override
        public boolean isAuthHeader(String lowerCaseName) {
            return anthropic.isAuthHeader(lowerCaseName);
        }

        @Override
        public String errorBody(int status, String type, String message) {
            return anthropic.errorBody(status, type, message);
        }

        @Override
        public Optional<Usage> usageFromResponse(JsonNode responseBody) {
            return anthropic.usageFromResponse(responseBody);
        }
    }
}
