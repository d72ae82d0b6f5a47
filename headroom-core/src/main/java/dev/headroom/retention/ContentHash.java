package dev.headroom.retention;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one hash of reversible compression: SHA-256 of the original's UTF-8 bytes, first 24 hex characters.
 *
 * <p>The same large text is usually hashed several times in one request (memo key, token-count memo, retention),
 * so {@link #sha256(String)} remembers, per thread, the digest of the last large text it hashed — by identity,
 * through a weak reference, so that no text is kept alive by it — and encodes large texts chunk by chunk into one
 * reused buffer instead of copying them whole into a byte array.
 */
public final class ContentHash {
    /** Length of a hash in hex characters. */
    public static final int LENGTH = 24;
    private static final Pattern VALID = Pattern.compile("[0-9a-f]{" + LENGTH + "}");
    private static final int REMEMBER_CHARS = 4_096;
    private static final int CHUNK_CHARS = 16_384;
    private static final ThreadLocal<Last> LAST = new ThreadLocal<>();

    private record Last(WeakReference<String> text, byte[] digest) {
    }

    private ContentHash() {
    }

    /** The hash of {@code original}. */
    public static String of(String original) {
        return HexFormat.of().formatHex(sha256(original), 0, LENGTH / 2);
    }

    /** The full SHA-256 digest of {@code text}'s UTF-8 bytes (a fresh array each call). */
    public static byte[] sha256(String text) {
        if (text.length() < REMEMBER_CHARS) {
            MessageDigest digest = newDigest();
            return digest.digest(text.getBytes(StandardCharsets.UTF_8));
        }
        Last last = LAST.get();
        if (last != null && last.text().get() == text) {
            return last.digest().clone();
        }
        MessageDigest digest = newDigest();
        update(digest, text);
        byte[] result = digest.digest();
        LAST.set(new Last(new WeakReference<>(text), result));
        return result.clone();
    }

    /** Feeds {@code text}'s UTF-8 bytes to {@code digest}, a chunk at a time (never splitting a surrogate pair). */
    public static void update(MessageDigest digest, String text) {
        int n = text.length();
        if (n <= CHUNK_CHARS) {
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] bytes = new byte[CHUNK_CHARS * 3]; // the UTF-8 of any chunk: at most 3 bytes per char
        for (int start = 0; start < n; ) {
            int end = Math.min(n, start + CHUNK_CHARS);
            if (end < n && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            digest.update(bytes, 0, encodeUtf8(text, start, end, bytes));
            start = end;
        }
    }

    /**
     * Writes the UTF-8 of {@code text[start, end)} to {@code out} and returns its length: the bytes
     * {@code String.getBytes(UTF_8)} gives for that part, a lone surrogate included (it becomes {@code ?}).
     */
    static int encodeUtf8(String text, int start, int end, byte[] out) {
        int o = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xC0 | c >> 6);
                out[o++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                out[o++] = (byte) (0xE0 | c >> 12);
                out[o++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[o++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out[o++] = (byte) (0xF0 | cp >> 18);
                out[o++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[o++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[o++] = (byte) (0x80 | cp & 0x3F);
            } else {
                out[o++] = '?';
            }
        }
        return o;
    }

    /** A new SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Whether {@code text} is a well-formed hash (24 lower-case hex characters). */
    public static boolean isValid(String text) {
        return text != null && VALID.matcher(text).matches();
    }
}
