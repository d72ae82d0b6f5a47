package dev.headroom.spi;

import java.util.Objects;

/**
 * What a {@link Compressor} returns for one unit: either a replacement text with the name of the transform
 * that produced it, or a decline with a short reason.
 *
 * <p>The pipeline still checks a replacement: it is used only when it is smaller in tokens than the
 * original (rule 3 of DESIGN.md).
 */
public final class CompressorResult {
    private final String text;
    private final String transform;
    private final String declineReason;

    private CompressorResult(String text, String transform, String declineReason) {
        this.text = text;
        this.transform = transform;
        this.declineReason = declineReason;
    }

    /**
     * A replacement text.
     *
     * @param text      the compressed rendering; must not be empty
     * @param transform a short stable name of what was done, such as {@code "json:table"}
     */
    public static CompressorResult of(String text, String transform) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(transform, "transform");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a compressed text must not be empty; decline instead");
        }
        return new CompressorResult(text, transform, null);
    }

    /** The compressor does not handle this unit; {@code reason} says why, in a few words. */
    public static CompressorResult declined(String reason) {
        return new CompressorResult(null, null, Objects.requireNonNull(reason, "reason"));
    }

    public boolean isDeclined() {
        return text == null;
    }

    /** The replacement text; throws when declined. */
    public String text() {
        if (text == null) {
            throw new IllegalStateException("declined: " + declineReason);
        }
        return text;
    }

    /** The transform name; throws when declined. */
    public String transform() {
        if (transform == null) {
            throw new IllegalStateException("declined: " + declineReason);
        }
        return transform;
    }

    /** Why the compressor declined, or an empty string when it did not. */
    public String declineReason() {
        return declineReason == null ? "" : declineReason;
    }

    @Override
    public String toString() {
        return isDeclined() ? "declined(" + declineReason + ")" : transform + "(" + text.length() + " chars)";
    }
}
