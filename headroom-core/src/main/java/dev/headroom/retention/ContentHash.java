package dev.headroom.retention;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one hash of reversible compression: SHA-256 of the original's UTF-8 bytes, first 24 hex characters.
 */
public final class ContentHash {
    /** Length of a hash in hex characters. */
    public static final int LENGTH = 24;
    private static final Pattern VALID = Pattern.compile("[0-9a-f]{" + LENGTH + "}");

    private ContentHash() {
    }

    /** The hash of {@code original}. */
    public static String of(String original) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(original.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, LENGTH / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Whether {@code text} is a well-formed hash (24 lower-case hex characters). */
    public static boolean isValid(String text) {
        return text != null && VALID.matcher(text).matches();
    }
}
