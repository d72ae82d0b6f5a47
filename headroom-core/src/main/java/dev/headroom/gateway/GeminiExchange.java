package dev.headroom.gateway;

import dev.headroom.core.CompressionResult;
import dev.headroom.retention.Marker;

import java.util.Optional;

/**
 * The gateway's Gemini-specific decisions for one request: the model comes from the URL path, and the
 * {@code :streamGenerateContent} variant without {@code alt=sse} (one JSON array sent in pieces) is relayed as
 * a stream but without retrieval, so a compression that left a retrieval marker is not forwarded for it (the
 * client's body goes out instead; a marker there could never be redeemed).
 */
final class GeminiExchange {
    private GeminiExchange() {
    }

    /** The compression to forward for a Gemini request: named after the path's model, or none (see above). */
    static Optional<CompressionResult> afterCompression(ProxyRequest request, Optional<CompressionResult> compression) {
        if (compression.isEmpty()) {
            return compression;
        }
        CompressionResult result = compression.get();
        if (GeminiRoutes.jsonArrayStream(request.path(), request.rawQuery()) && result.changed()
                && Marker.containsMarker(result.json())) {
            return Optional.empty();
        }
        return Optional.of(result.model().isEmpty() ? result.withModel(GeminiRoutes.model(request.path())) : result);
    }

    /** Whether a 200 answer is the JSON-array stream, relayed as its bytes arrive. */
    static boolean streamsJsonArray(ProxyRequest request, int status) {
        return status == 200 && GeminiRoutes.jsonArrayStream(request.path(), request.rawQuery());
    }
}
