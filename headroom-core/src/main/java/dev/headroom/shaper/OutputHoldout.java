package dev.headroom.shaper;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.spi.RequestRecord;
import dev.headroom.wire.WireFormat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The output shaper's holdout: a fixed share of conversations is forwarded unshaped (the <em>control</em> arm) so
 * that the shaper's effect on output tokens can be measured against them rather than guessed.
 *
 * <p>A conversation is placed by a stable hash: the first 8 bytes of SHA-256 over the UTF-8 bytes of the model
 * name, a NUL, and the text of the first user message, read as an unsigned fraction of 2<sup>64</sup>; below
 * the holdout fraction is control. Every turn of a conversation resends its first user message, so the whole
 * conversation keeps its arm, on every process and every machine. Each turn is also given its stratum: the
 * {@link ModelFamily model family} and the {@link TurnKind kind of its latest user turn}.
 *
 * <p>Immutable and thread-safe.
 */
public final class OutputHoldout {
    /** The reason code of a turn forwarded unshaped because its conversation is in the control arm. */
    public static final String CONTROL_REASON = "output_shaper:holdout:control";

    private final double fraction;

    /** @param fraction the share of conversations in the control arm, 0 (no holdout) to 1 */
    public OutputHoldout(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("holdout fraction must be 0 to 1, got " + fraction);
        }
        this.fraction = fraction;
    }

    /** Whether any conversation is held out. */
    public boolean enabled() {
        return fraction > 0;
    }

    /** The arm and stratum of a request of {@code format} whose parsed body is {@code root}. */
    public RequestRecord.Holdout assign(JsonNode root, WireFormat format) {
        String model = root.path("model").asText("");
        String arm = position(model, firstUserText(root, format)) < fraction
                ? RequestRecord.Holdout.CONTROL : RequestRecord.Holdout.TREATMENT;
        return new RequestRecord.Holdout(arm, ModelFamily.of(model), TurnKind.of(root, format).code());
    }

    /** Where a conversation falls in [0, 1): the stable hash of its model and first user text. */
    static double position(String model, String firstUserText) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        sha.update(model.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(firstUserText.getBytes(StandardCharsets.UTF_8));
        long bits = ByteBuffer.wrap(sha.digest()).getLong();
        return (bits >>> 11) * 0x1.0p-53; // the top 53 bits: exact in a double, uniform in [0, 1)
    }

    /** The text of the first user message (string content, or its text parts joined by newlines); empty when none. */
    static String firstUserText(JsonNode root, WireFormat format) {
        JsonNode items = format == WireFormat.OPENAI_RESPONSES ? root.path("input") : root.path("messages");
        if (items.isTextual()) {
            return items.asText(); // Responses: the input as one string
        }
        for (JsonNode item : items) {
            if ("user".equals(item.path("role").asText(""))) {
                return text(item.get("content")).orElse("");
            }
        }
        return "";
    }

    private static Optional<String> text(JsonNode content) {
        if (content == null || content.isNull()) {
            return Optional.empty();
        }
        if (content.isTextual()) {
            return Optional.of(content.asText());
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                sb.append(sb.length() == 0 ? "" : "\n").append(part.get("text").asText());
            }
        }
        return Optional.of(sb.toString());
    }
}
