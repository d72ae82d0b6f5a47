package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.spi.Backend;
import dev.headroom.spi.Usage;
import dev.headroom.wire.JsonCodec;

import java.net.URI;
import java.util.Optional;

/**
 * The Google Gemini API ({@code generativelanguage.googleapis.com}): the key comes as {@code x-goog-api-key}
 * (or {@code Authorization: Bearer} with OAuth, or {@code ?key=} in the query, which is forwarded verbatim
 * with the rest of the query); errors use Google's envelope {@code {"error":{"code":…,"message":…,"status":…}}};
 * usage is {@code usageMetadata}, whose {@code promptTokenCount} includes the {@code cachedContentTokenCount}.
 */
public final class GeminiBackend implements Backend {

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public URI defaultBaseUrl() {
        return URI.create("https://generativelanguage.googleapis.com");
    }

    @Override
    public boolean isAuthHeader(String lowerCaseName) {
        return lowerCaseName.equals("x-goog-api-key") || lowerCaseName.equals("authorization")
                || lowerCaseName.equals("x-goog-user-project");
    }

    @Override
    public String errorBody(int status, String type, String message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", status);
        error.put("message", message);
        error.put("status", googleStatus(status));
        return JsonCodec.write(root);
    }

    @Override
    public Optional<Usage> usageFromResponse(JsonNode body) {
        JsonNode usage = body.path("usageMetadata");
        if (!usage.isObject()) {
            return Optional.empty();
        }
        return Optional.of(usage(usage.path("promptTokenCount").asLong(0), usage.path("candidatesTokenCount").asLong(0)
                + usage.path("thoughtsTokenCount").asLong(0), usage.path("cachedContentTokenCount").asLong(0)));
    }

    /** Usage from Gemini's counts: output includes thinking tokens, cached prompt tokens are billed as cache reads. */
    static Usage usage(long prompt, long output, long cached) {
        return new Usage(Math.max(0, prompt - cached), output, cached, 0);
    }

    /** The canonical {@code google.rpc.Code} name for an HTTP status. */
    static String googleStatus(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 413 -> "INVALID_ARGUMENT";
            case 415 -> "INVALID_ARGUMENT";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 501 -> "UNIMPLEMENTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }
}
