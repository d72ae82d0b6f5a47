package com.example.headroom.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.gateway.AnthropicBackend;
import dev.headroom.spi.Backend;
import dev.headroom.spi.Usage;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A backend with a name of its own, {@code team-gateway}: a company's Anthropic-compatible LLM gateway that
 * serves the Messages API under {@code /anthropic} and takes the team's token ({@code TEAM_GATEWAY_TOKEN}) as a
 * bearer token instead of each developer's Anthropic key. It replaces nothing; it is chosen with
 * {@code headroom proxy --backend team-gateway} (and {@code --anthropic-api-url} for the gateway's address).
 * Claude Code then talks to the proxy as to Anthropic, its requests are compressed, and they reach the gateway
 * with the team's token. Stateless and thread-safe, like every backend.
 */
public final class TeamGatewayBackend implements Backend {
    /** The variable the team's token is read from. */
    public static final String TOKEN_VARIABLE = "TEAM_GATEWAY_TOKEN";

    private final AnthropicBackend anthropic = new AnthropicBackend();

    @Override
    public String name() {
        return "team-gateway";
    }

    @Override
    public URI defaultBaseUrl() {
        return URI.create("https://llm-gateway.example.com");
    }

    /** {@code /v1/messages} becomes {@code /anthropic/v1/messages} under the configured base. */
    @Override
    public URI upstreamUri(URI baseUrl, String path, String rawQuery) {
        return Backend.super.upstreamUri(baseUrl, "/anthropic" + path, rawQuery);
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

    @Override
    public List<String> credentialVariables() {
        return List.of(TOKEN_VARIABLE);
    }

    @Override
    public boolean credentialsRequired() {
        return true;
    }

    /** The team's token as a bearer token; it replaces the client's Anthropic key. */
    @Override
    public Map<String, String> credentialHeaders(Function<String, String> env) {
        String token = env.apply(TOKEN_VARIABLE);
        return token == null || token.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + token.strip());
    }
}
