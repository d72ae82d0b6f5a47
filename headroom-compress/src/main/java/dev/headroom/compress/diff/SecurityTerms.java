package dev.headroom.compress.diff;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises security-relevant code: authentication, permissions, tokens, passwords, secrets, crypto,
 * credentials, sessions, keys and certificates. Substring checks on lower-cased text (fast on large diffs);
 * short acronyms such as {@code tls} or {@code jwt} only as whole words.
 */
final class SecurityTerms {
    private static final List<String> SUBSTRINGS = List.of("auth", "permission", "privilege", "passw", "passphrase",
            "secret", "token", "credential", "crypt", "cipher", "session", "apikey", "api_key", "api-key", "privatekey",
            "private_key", "private-key", "login", "hmac", "signature", "certificate");
    private static final List<String> WORDS = List.of("tls", "ssl", "acl", "rbac", "jwt", "csrf", "xsrf", "sudo", "otp", "mfa");
    private static final Pattern WORD = Pattern.compile("\\b(?:" + String.join("|", WORDS) + ")\\b");

    private SecurityTerms() {
    }

    static boolean matches(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String s : SUBSTRINGS) {
            if (lower.contains(s)) {
                return true;
            }
        }
        for (String w : WORDS) {
            if (lower.contains(w)) {
                return WORD.matcher(lower).find();
            }
        }
        return false;
    }
}
