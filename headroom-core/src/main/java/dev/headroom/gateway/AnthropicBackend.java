package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.spi.Backend;
import dev.headroom.spi.Usage;
import dev.headroom.wire.JsonCodec;

import java.net.URI;
import java.util.Optional;

/** The Anthropic API: {@code x-api-key} or {@code Authorization: Bearer}, error envelope {@code {"type":"error",...}}. */
public final class AnthropicBackend implements Backend {

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public URI defaultBaseUrl() {
        return URI.create("https://api.anthropic.com");
    }

    @Override
    public boolean isAuthHeader(String lowerCaseName) {
        return lowerCaseName.equals("x-api-key") || lowerCaseName.equals("authorization");
    }

    @Override
    public String errorBody(int status, String type, String message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", type);
        error.put("message", message);
        return JsonCodec.write(root);
    }

    @Override
    public Optional<Usage> usageFromResponse(JsonNode body) {
        JsonNode usage = body.path("usage");
        if (!usage.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Usage(usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0),
                usage.path("cache_read_input_tokens").asLong(0), usage.path("cache_creation_input_tokens").asLong(0)));
    }
}
