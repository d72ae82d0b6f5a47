package com.example.headroom.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.gateway.OpenAiBackend;
import dev.headroom.spi.Backend;
import dev.headroom.spi.Usage;
import dev.headroom.wire.JsonCodec;

import java.net.URI;
import java.util.Optional;

/**
 * Sends the proxy's OpenAI-format traffic to OpenRouter: it serves the OpenAI API under {@code /api}
 * ({@code https://openrouter.ai/api/v1/chat/completions}) and reports proxy-side errors in its own envelope
 * ({@code {"error":{"code":502,"message":"…"}}}, the status as a number). Usage is reported as OpenAI does.
 *
 * <p>It names itself {@code openai}, so, found on the classpath, it replaces the built-in OpenAI backend and
 * the proxy's OpenAI routes ({@code /v1/chat/completions}, {@code /v1/responses}) reach OpenRouter; start the
 * proxy with {@code --openai-api-url https://openrouter.ai}. Stateless and thread-safe, like every backend.
 */
public final class OpenRouterBackend implements Backend {
    private final OpenAiBackend openai = new OpenAiBackend();

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public URI defaultBaseUrl() {
        return URI.create("https://openrouter.ai");
    }

    /** {@code /v1/...} becomes {@code /api/v1/...} under the configured base. */
    @Override
    public URI upstreamUri(URI baseUrl, String path, String rawQuery) {
        return Backend.super.upstreamUri(baseUrl, "/api" + path, rawQuery);
    }

    @Override
    public boolean isAuthHeader(String lowerCaseName) {
        return lowerCaseName.equals("authorization");
    }

    @Override
    public String errorBody(int status, String type, String message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", status);
        error.put("message", message);
        return JsonCodec.write(root);
    }

    @Override
    public Optional<Usage> usageFromResponse(JsonNode responseBody) {
        return openai.usageFromResponse(responseBody);
    }
}
