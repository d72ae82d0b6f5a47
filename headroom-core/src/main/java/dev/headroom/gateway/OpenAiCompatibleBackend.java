package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.spi.Backend;
import dev.headroom.spi.UpstreamDialect;
import dev.headroom.spi.Usage;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every OpenAI-compatible backend that serves Anthropic clients through translation shares: Chat
 * Completions at {@code {base}/v1/chat/completions} (or {@code {base}/chat/completions} when the base already
 * ends in {@code /v1}), OpenAI's error envelope and usage, and an optional {@code Authorization: Bearer} key
 * from one environment variable.
 */
abstract class OpenAiCompatibleBackend implements Backend {
    private final OpenAiBackend openai = new OpenAiBackend();

    /** The variable holding the key, or null when the upstream takes none. */
    abstract String keyVariable();

    @Override
    public UpstreamDialect messagesDialect() {
        return UpstreamDialect.OPENAI_CHAT;
    }

    @Override
    public URI upstreamUri(URI baseUrl, String path, String rawQuery) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        String p = base.endsWith("/v1") && path.startsWith("/v1/") ? path.substring(3) : path;
        return Backend.super.upstreamUri(URI.create(base), p, rawQuery);
    }

    @Override
    public boolean isAuthHeader(String lowerCaseName) {
        return lowerCaseName.equals("authorization");
    }

    @Override
    public String errorBody(int status, String type, String message) {
        return openai.errorBody(status, type, message);
    }

    @Override
    public Optional<Usage> usageFromResponse(JsonNode responseBody) {
        return openai.usageFromResponse(responseBody);
    }

    @Override
    public List<String> credentialVariables() {
        return keyVariable() == null ? List.of() : List.of(keyVariable());
    }

    @Override
    public Map<String, String> credentialHeaders(Function<String, String> env) {
        String key = keyVariable() == null ? null : env.apply(keyVariable());
        return key == null || key.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + key.strip());
    }
}
