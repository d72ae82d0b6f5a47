package dev.headroom.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to one request, handed to every {@link StatsSink} once the response is complete.
 * Immutable; carries no message content and no credentials.
 *
 * @param requestId      an identifier unique within the process
 * @param provider       the backend name, such as {@code "anthropic"}
 * @param model          the model named in the request, or an empty string
 * @param tokensBefore   request tokens before compression (Headroom's count)
 * @param tokensAfter    request tokens after compression (Headroom's count)
 * @param usage          what the provider reported
 * @param status         the HTTP status sent to the client
 * @param latencyMillis  total time from request received to response complete
 * @param overheadMillis time Headroom added (parsing, compression, serialisation)
 * @param transforms     the transforms applied, in unit order
 * @param reasonCounts   how many units were left alone, by reason code
 * @param cached         whether the response came from the response cache
 * @param ttfbMillis     time from request received to the upstream's response headers (its first byte);
 *                       0 when no upstream answer arrived or it was not measured
 * @param savedByTransform tokens saved in this request, by transform name (such as {@code "json:table"})
 */
public record RequestRecord(
        String requestId,
        String provider,
        String model,
        long tokensBefore,
        long tokensAfter,
        Usage usage,
        int status,
        double latencyMillis,
        double overheadMillis,
        List<String> transforms,
        Map<String, Integer> reasonCounts,
        boolean cached,
        double ttfbMillis,
        Map<String, Long> savedByTransform) {

    public RequestRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(provider, "provider");
        model = model == null ? "" : model;
        usage = usage == null ? Usage.NONE : usage;
        transforms = List.copyOf(transforms);
        reasonCounts = Map.copyOf(reasonCounts);
        savedByTransform = savedByTransform == null ? Map.of() : Map.copyOf(savedByTransform);
    }

    /** A record without time to first byte or per-transform savings (the shape before those were added). */
    public RequestRecord(String requestId, String provider, String model, long tokensBefore, long tokensAfter,
                         Usage usage, int status, double latencyMillis, double overheadMillis, List<String> transforms,
                         Map<String, Integer> reasonCounts, boolean cached) {
        this(requestId, provider, model, tokensBefore, tokensAfter, usage, status, latencyMillis, overheadMillis,
                transforms, reasonCounts, cached, 0, Map.of());
    }

    /** Tokens saved by compression for this request. */
    public long tokensSaved() {
        return tokensBefore - tokensAfter;
    }
}
