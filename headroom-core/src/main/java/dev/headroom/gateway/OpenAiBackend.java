package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.spi.Backend;
import dev.headroom.spi.Usage;
import dev.headroom.wire.JsonCodec;

import java.net.URI;
import java.util.Optional;

/** The OpenAI API: {@code Authorization: Bearer}, error envelope {@code {"error":{...}}}. */
public final class OpenAiBackend implements Backend {

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public URI defaultBaseUrl() {
        return URI.create("https://api.openai.com");
    }

    @Override
    public boolean isAuthHeader(String lowerCaseName) {
        return lowerCaseName.equals("authorization") || lowerCaseName.equals("openai-organization")
                || lowerCaseName.equals("openai-project");
    }

    @Override
    public String errorBody(int status, String type, String message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        error.putNull("code");
        return JsonCodec.write(root);
    }

    @Override
    public Optional<Usage> usageFromResponse(JsonNode body) {
        JsonNode usage = body.path("usage");
        if (!usage.isObject()) {
            return Optional.empty();
        }
        // Chat Completions names them prompt/completion tokens, Responses input/output tokens.
        long input = usage.has("prompt_tokens") ? usage.path("prompt_tokens").asLong(0) : usage.path("input_tokens").asLong(0);
        long output = usage.has("completion_tokens") ? usage.path("completion_tokens").asLong(0) : usage.path("output_tokens").asLong(0);
        JsonNode details = usage.has("prompt_tokens_details") ? usage.path("prompt_tokens_details") : usage.path("input_tokens_details");
        long cached = details.path("cached_tokens").asLong(0);
        return Optional.of(new Usage(Math.max(0, input - cached), output, cached, 0));
    }
}
