package dev.headroom.gateway;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A LiteLLM gateway ({@code --backend litellm-PROVIDER}): OpenAI-compatible, at {@code --openai-api-url} or
 * LiteLLM's default {@code http://127.0.0.1:4000}; the model name gets the provider prefix LiteLLM routes by
 * ({@code litellm-vertex_ai} sends {@code claude-sonnet-4-5} as {@code vertex_ai/claude-sonnet-4-5}; a name
 * that already carries the prefix is kept). The key is {@code LITELLM_API_KEY} (LiteLLM's master or virtual
 * key), sent when set. There is one backend per provider, made on demand by {@link MessagesUpstream}.
 */
public final class LiteLlmBackend extends OpenAiCompatibleBackend {
    /** Backend names of this family start with this. */
    public static final String PREFIX = "litellm-";

    private final String provider;

    /**
     * @param provider LiteLLM's provider name, such as {@code bedrock}, {@code vertex_ai}, {@code azure}
     * @throws IllegalArgumentException when empty or not a plain name
     */
    public LiteLlmBackend(String provider) {
        Objects.requireNonNull(provider, "provider");
        if (!provider.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("litellm provider must be a name such as bedrock or vertex_ai, got '" + provider + "'");
        }
        this.provider = provider.toLowerCase(Locale.ROOT);
    }

    @Override
    public String name() {
        return PREFIX + provider;
    }

    @Override
    public URI defaultBaseUrl() {
        return URI.create("http://127.0.0.1:4000");
    }

    @Override
    public String upstreamModel(String clientModel) {
        return clientModel.startsWith(provider + "/") ? clientModel : provider + "/" + clientModel;
    }

    @Override
    String keyVariable() {
        return "LITELLM_API_KEY";
    }
}
