package dev.headroom.gateway;

import java.net.URI;

/**
 * OpenRouter ({@code --backend openrouter}): Anthropic clients served through OpenRouter's OpenAI-compatible
 * API at {@code https://openrouter.ai/api/v1/chat/completions}, with the key from {@code OPENROUTER_API_KEY}
 * (required). Model names are passed through as the client sends them, so clients name OpenRouter models
 * ({@code anthropic/claude-sonnet-4.5}, {@code openai/gpt-4o}, …).
 */
public final class OpenRouterBackend extends OpenAiCompatibleBackend {

    @Override
    public String name() {
        return "openrouter";
    }

    @Override
    public URI defaultBaseUrl() {
        return URI.create("https://openrouter.ai/api");
    }

    @Override
    String keyVariable() {
        return "OPENROUTER_API_KEY";
    }

    @Override
    public boolean credentialsRequired() {
        return true;
    }
}
