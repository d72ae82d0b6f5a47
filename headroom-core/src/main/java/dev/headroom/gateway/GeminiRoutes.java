package dev.headroom.gateway;

import dev.headroom.wire.WireFormat;

import java.util.Optional;

/**
 * The Gemini API's routes: everything under {@code /v1beta/} (and {@code /v1/models/{model}:action}, which no
 * OpenAI path looks like, or a shared path carrying {@code x-goog-api-key}) goes to the Gemini upstream.
 * {@code POST models/{model}:generateContent}, {@code :streamGenerateContent} and {@code :countTokens} carry a
 * compressible {@link WireFormat#GEMINI} body; the model list and every other path are passed through.
 */
final class GeminiRoutes {
    private static final String GENERATE = ":generateContent";
    private static final String STREAM = ":streamGenerateContent";
    private static final String COUNT = ":countTokens";

    private GeminiRoutes() {
    }

    /** The Gemini route of a request, or empty when it is not a Gemini request. */
    static Optional<Route> route(String method, String path, Headers headers) {
        boolean v1beta = path.startsWith("/v1beta/") || path.equals("/v1beta");
        boolean v1Action = path.startsWith("/v1/models/") && path.indexOf(':') > 0;
        boolean sharedWithGoogleKey = path.equals("/v1/models") && headers.has("x-goog-api-key")
                && !headers.has("anthropic-version");
        if (!v1beta && !v1Action && !sharedWithGoogleKey) {
            return Optional.empty();
        }
        boolean model = method.equals("POST") && (path.endsWith(GENERATE) || path.endsWith(STREAM) || path.endsWith(COUNT));
        return Optional.of(new Route(Provider.GEMINI, model ? Optional.of(WireFormat.GEMINI) : Optional.empty()));
    }

    /** Whether the path asks for model answers that may call tools ({@code generateContent} or its stream). */
    static boolean answers(String path) {
        return isGeminiModelPath(path) && (path.endsWith(GENERATE) || path.endsWith(STREAM));
    }

    /**
     * Whether the request asks for the stream as one JSON array sent in pieces ({@code :streamGenerateContent}
     * without {@code alt=sse}): relayed as bytes arrive, and not served by the retrieval stream rewriter.
     */
    static boolean jsonArrayStream(String path, String rawQuery) {
        return isGeminiModelPath(path) && path.endsWith(STREAM) && !hasAltSse(rawQuery);
    }

    /** The model named in a {@code models/{model}:action} path, or an empty string. */
    static String model(String path) {
        int models = path.lastIndexOf("/models/");
        int colon = path.lastIndexOf(':');
        if (models < 0 || colon < models) {
            return "";
        }
        return path.substring(models + "/models/".length(), colon);
    }

    private static boolean isGeminiModelPath(String path) {
        return path.startsWith("/v1beta/") || path.startsWith("/v1/models/");
    }

    private static boolean hasAltSse(String rawQuery) {
        if (rawQuery == null) {
            return false;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.equals("alt=sse")) {
                return true;
            }
        }
        return false;
    }
}
