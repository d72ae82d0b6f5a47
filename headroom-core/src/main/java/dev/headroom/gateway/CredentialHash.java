package dev.headroom.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stable, non-reversible identifier of the credential a request carries: SHA-256 over its
 * {@code x-api-key} and {@code Authorization} values (and Gemini's {@code x-goog-api-key} when present), as 32 hex digits. Policies key their state by this
 * hash so that no API key is ever held, logged or exposed. Requests without either header share one hash. An AWS
 * SigV4 signature counts by its access key id (the signature itself changes with every request).
 */
public final class CredentialHash {
    private static final Pattern SIGV4_CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");

    private CredentialHash() {
    }

    /** The hash of the credential in {@code headers}. */
    public static String of(Headers headers) {
        MessageDigest digest = sha256();
        update(digest, "x-api-key", String.join("\n", headers.all("x-api-key")));
        update(digest, "authorization", String.join("\n", headers.all("authorization").stream().map(CredentialHash::signer).toList()));
        if (headers.has("x-goog-api-key")) { // Gemini; only when present, so other requests keep their hash
            update(digest, "x-goog-api-key", String.join("\n", headers.all("x-goog-api-key")));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    /**
     * An AWS SigV4 {@code Authorization} ({@code AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request,
     * SignedHeaders=…, Signature=…}) changes with every request; its access key id is what stays the same, so
     * that is what identifies the caller. Any other value is used whole.
     */
    static String signer(String authorization) {
        if (!authorization.startsWith("AWS4-HMAC-SHA256")) {
            return authorization;
        }
        Matcher m = SIGV4_CREDENTIAL.matcher(authorization);
        return m.find() ? "AWS4-HMAC-SHA256 " + m.group(1) : authorization;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Adds a labelled, length-prefixed field, so that no two different field lists digest alike. */
    static void update(MessageDigest digest, String label, String value) {
        update(digest, label.getBytes(StandardCharsets.UTF_8));
        update(digest, value.getBytes(StandardCharsets.UTF_8));
    }

    static void update(MessageDigest digest, byte[] bytes) {
        int n = bytes.length;
        digest.update(new byte[]{(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        digest.update(bytes);
    }
}
