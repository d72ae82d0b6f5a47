package dev.headroom.shaper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.spi.RequestRecord;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.WireFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Fewer output tokens: request-level rewrites that run after compression, in this order — the {@link Verbosity}
 * instruction as the last system content, then {@link EffortRouter effort routing} of mechanical continuations.
 * Each is byte-stable (constant text, the tree re-serialised compactly with key order and exact numbers kept),
 * idempotent and placed after every client {@code cache_control} breakpoint; each names itself in the transforms
 * ({@code output_shaper:verbosity:L2}, {@code output_shaper:effort:high->low}). With a holdout
 * ({@link OutputShaperSettings#holdout()}), {@link #shapeTurn} leaves the control arm's conversations unshaped
 * ({@link OutputHoldout}).
 *
 * <p>A request nothing was done to keeps its exact bytes. Only model requests are shaped
 * ({@link #shapes(String)}): token counting produces no output. Immutable and thread-safe.
 */
public final class OutputShaper {
    private static final Set<String> MODEL_PATHS = Set.of("/v1/messages", "/v1/chat/completions", "/v1/responses");

    /**
     * The request after shaping.
     *
     * @param bytes      the body to forward: the very array given when nothing changed
     * @param transforms what was done, in order; empty when nothing changed
     */
    public record Shaped(byte[] bytes, List<String> transforms) {
        public Shaped {
            Objects.requireNonNull(bytes, "bytes");
            transforms = List.copyOf(transforms);
        }

        /** Whether the request was changed. */
        public boolean changed() {
            return !transforms.isEmpty();
        }
    }

    /**
     * One turn after the holdout and shaping.
     *
     * @param bytes      the body to forward: the very array given when nothing changed
     * @param transforms what was done, in order; empty for the control arm
     * @param holdout    the turn's arm and stratum; null when the holdout is off or the body is no JSON object
     */
    public record Turn(byte[] bytes, List<String> transforms, RequestRecord.Holdout holdout) {
        public Turn {
            Objects.requireNonNull(bytes, "bytes");
            transforms = List.copyOf(transforms);
        }
    }

    private final OutputShaperSettings settings;
    private final OutputHoldout holdout;

    public OutputShaper(OutputShaperSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.holdout = new OutputHoldout(settings.holdout());
    }

    public OutputShaperSettings settings() {
        return settings;
    }

    /** The verbosity instruction of {@code level} (1 to 4), exactly as it is appended. */
    public static String instruction(int level) {
        if (level < 1 || level > Verbosity.MAX_LEVEL) {
            throw new IllegalArgumentException("verbosity level must be 1 to " + Verbosity.MAX_LEVEL + ", got " + level);
        }
        return Verbosity.instruction(level);
    }

    /** Whether requests to {@code path} are shaped: model requests, not {@code count_tokens}. */
    public static boolean shapes(String path) {
        return MODEL_PATHS.contains(path);
    }

    /**
     * Places one turn in the holdout and shapes it unless its conversation is in the control arm, which is
     * forwarded as {@code body} (byte for byte). The arm and stratum are read from {@code body} before it is shaped;
     * compression never touches what they depend on (the model, the user's text, error tool results).
     *
     * @param body the body to forward so far (after compression); parsed once
     * @throws dev.headroom.core.MalformedRequestException when the shaper is on and {@code body} is not JSON
     */
    public Turn shapeTurn(byte[] body, WireFormat format) {
        if (!settings.enabled()) {
            return new Turn(body, List.of(), null);
        }
        if (!(JsonCodec.parse(body) instanceof ObjectNode root)) {
            return new Turn(body, List.of(), null);
        }
        RequestRecord.Holdout placed = holdout.enabled() ? holdout.assign(root, format) : null;
        if (placed != null && placed.control()) {
            return new Turn(body, List.of(), placed);
        }
        List<String> transforms = apply(root, format);
        return new Turn(transforms.isEmpty() ? body : JsonCodec.writeBytes(root), transforms, placed);
    }

    /**
     * Shapes one request body of {@code format}.
     *
     * @throws dev.headroom.core.MalformedRequestException when a step is on and {@code body} is not JSON
     */
    public Shaped shape(byte[] body, WireFormat format) {
        if (!settings.enabled()) {
            return new Shaped(body, List.of());
        }
        JsonNode parsed = JsonCodec.parse(body);
        if (!(parsed instanceof ObjectNode root)) {
            return new Shaped(body, List.of());
        }
        List<String> transforms = apply(root, format);
        return transforms.isEmpty() ? new Shaped(body, transforms) : new Shaped(JsonCodec.writeBytes(root), transforms);
    }

    /** Runs the steps that are on over {@code root}, in place; returns what they did. */
    private List<String> apply(ObjectNode root, WireFormat format) {
        List<String> transforms = new ArrayList<>();
        if (settings.verbosity()) {
            Verbosity.apply(root, format, settings.verbosityLevel()).ifPresent(transforms::add);
        }
        if (settings.effortRouting()) {
            transforms.addAll(EffortRouter.apply(root, format, settings.mechanicalEffort()));
        }
        return transforms;
    }
}
