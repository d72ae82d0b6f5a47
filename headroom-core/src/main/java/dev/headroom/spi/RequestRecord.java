package dev.headroom.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to one request, handed to every {@link StatsSink} once the response is complete.
 * Immutable; carries no credentials and no header, and no message content unless the host asked for it
 * ({@link #messages()}, set only when the gateway logs messages).
 *
 * <p>Savings count only for {@link #answered() answered} requests: a request whose upstream failed, or that
 * the proxy refused, saved nothing, so {@link #tokensSaved()} is 0 for it and sinks add its
 * {@link #tokensBefore()}, {@link #tokensAfter()} and {@link #savedByTransform()} to no savings total.
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
 * @param messages       the message bodies, for the request log's {@code --log-messages}; null otherwise
 * @param holdout        the output shaper's holdout arm and stratum of this turn; null when the request took no part
 *                       in the holdout (shaper or holdout off, bypassed, not a model request)
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
        Map<String, Long> savedByTransform,
        Messages messages,
        Holdout holdout) {

    /**
     * Where one turn stands in the output shaper's holdout: its arm for the conversation's whole life, and the
     * stratum its output tokens are compared in.
     *
     * @param arm         {@link #CONTROL} (forwarded unshaped) or {@link #TREATMENT}
     * @param modelFamily the model's family, such as {@code claude-opus} or {@code gpt-5}
     * @param turnKind    {@code question}, {@code tool_continuation} or {@code error}
     */
    public record Holdout(String arm, String modelFamily, String turnKind) {
        /** The arm forwarded unshaped. */
        public static final String CONTROL = "control";
        /** The arm shaped. */
        public static final String TREATMENT = "treatment";

        public Holdout {
            if (!CONTROL.equals(arm) && !TREATMENT.equals(arm)) {
                throw new IllegalArgumentException("arm must be control or treatment, got " + arm);
            }
            Objects.requireNonNull(modelFamily, "modelFamily");
            Objects.requireNonNull(turnKind, "turnKind");
        }

        /** Whether this is the control arm. */
        public boolean control() {
            return CONTROL.equals(arm);
        }
    }

    /**
     * The bodies of one exchange, as the client saw them; never a header.
     *
     * @param request  the request body as the client sent it (decoded, before compression), UTF-8 text
     * @param response the whole response body sent to the client, or null for a streamed answer
     */
    public record Messages(String request, String response) {
        public Messages {
            Objects.requireNonNull(request, "request");
        }
    }

    public RequestRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(provider, "provider");
        model = model == null ? "" : model;
        usage = usage == null ? Usage.NONE : usage;
        transforms = List.copyOf(transforms);
        reasonCounts = Map.copyOf(reasonCounts);
        savedByTransform = savedByTransform == null ? Map.of() : Map.copyOf(savedByTransform);
    }

    /** A record outside the output shaper's holdout. */
    public RequestRecord(String requestId, String provider, String model, long tokensBefore, long tokensAfter,
                         Usage usage, int status, double latencyMillis, double overheadMillis, List<String> transforms,
                         Map<String, Integer> reasonCounts, boolean cached, double ttfbMillis,
                         Map<String, Long> savedByTransform, Messages messages) {
        this(requestId, provider, model, tokensBefore, tokensAfter, usage, status, latencyMillis, overheadMillis,
                transforms, reasonCounts, cached, ttfbMillis, savedByTransform, messages, null);
    }

    /** A record without message bodies (every record unless the gateway logs messages). */
    public RequestRecord(String requestId, String provider, String model, long tokensBefore, long tokensAfter,
                         Usage usage, int status, double latencyMillis, double overheadMillis, List<String> transforms,
                         Map<String, Integer> reasonCounts, boolean cached, double ttfbMillis,
                         Map<String, Long> savedByTransform) {
        this(requestId, provider, model, tokensBefore, tokensAfter, usage, status, latencyMillis, overheadMillis,
                transforms, reasonCounts, cached, ttfbMillis, savedByTransform, (Messages) null);
    }

    /** A record without time to first byte or per-transform savings (the shape before those were added). */
    public RequestRecord(String requestId, String provider, String model, long tokensBefore, long tokensAfter,
                         Usage usage, int status, double latencyMillis, double overheadMillis, List<String> transforms,
                         Map<String, Integer> reasonCounts, boolean cached) {
        this(requestId, provider, model, tokensBefore, tokensAfter, usage, status, latencyMillis, overheadMillis,
                transforms, reasonCounts, cached, 0, Map.of(), (Messages) null);
    }

    /** Whether the client got a successful (2xx) answer; only then do this request's savings count. */
    public boolean answered() {
        return status >= 200 && status < 300;
    }

    /** Tokens saved by compression for this request; 0 unless it was {@link #answered()}. */
    public long tokensSaved() {
        return answered() ? tokensBefore - tokensAfter : 0;
    }
}
