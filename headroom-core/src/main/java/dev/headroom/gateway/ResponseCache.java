package dev.headroom.gateway;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Exact-match replay of whole (non-streaming) 200 answers. An entry is found by a {@linkplain #key key} over
 * everything that shapes the answer — provider, path, query, version headers, the forwarded body (model,
 * messages, system, tools, every generation parameter) — and the caller's {@link CredentialHash}, so one
 * tenant never sees another's answer. Entries live for the TTL; the cache holds at most {@code maxEntries}
 * entries and {@code maxBytes} bytes, dropping the least recently used first.
 *
 * <p>With {@link Settings#shared()} set (a fleet sharing Redis), answers are stored and looked up there instead, so
 * every proxy replays what any of them stored; a lookup or store for which the shared store cannot be reached
 * uses the in-memory entries instead (fail open, per instance).
 *
 * <p>Thread-safe.
 */
public final class ResponseCache {

    /**
     * Response-cache settings.
     *
     * @param enabled    false disables lookups and stores
     * @param ttl        how long an answer is replayed
     * @param maxEntries most answers held
     * @param maxBytes   most bytes held (bodies and headers); a larger answer is not stored
     * @param shared     answers shared by a fleet, when given (by default this process keeps its own)
     */
    public record Settings(boolean enabled, Duration ttl, int maxEntries, long maxBytes, Optional<SharedResponseCache> shared) {
        public Settings {
            if (ttl.isNegative() || ttl.isZero() || maxEntries < 1 || maxBytes < 1) {
                throw new IllegalArgumentException("cache ttl and bounds must be positive");
            }
            java.util.Objects.requireNonNull(shared, "shared");
        }

        /** Answers kept in this process. */
        public Settings(boolean enabled, Duration ttl, int maxEntries, long maxBytes) {
            this(enabled, ttl, maxEntries, maxBytes, Optional.empty());
        }

        /** These settings, with answers kept in {@code store} (shared by a fleet) when present. */
        public Settings withShared(Optional<SharedResponseCache> store) {
            return new Settings(enabled, ttl, maxEntries, maxBytes, store);
        }

        /** On, 10 minutes, 1,000 answers, 64 MiB. */
        public static Settings defaults() {
            return new Settings(true, Duration.ofMinutes(10), 1_000, 64L * 1024 * 1024);
        }

        /** Off. */
        public static Settings disabled() {
            return new Settings(false, Duration.ofMinutes(10), 1_000, 64L * 1024 * 1024);
        }

        /** These settings with another TTL. */
        public Settings withTtl(Duration ttl) {
            return new Settings(enabled, ttl, maxEntries, maxBytes, shared);
        }
    }

    /** A stored answer. */
    public record Answer(int status, Headers headers, byte[] body) {
        long size() {
            long[] n = {body.length};
            headers.forEach((name, value) -> n[0] += name.length() + value.length() + 4);
            return n[0];
        }
    }

    private record Entry(Answer answer, Instant expires, long size) {
    }

    private final Settings settings;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    public ResponseCache(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The cache key of a request: hex SHA-256 over length-prefixed fields, so that no two different requests
     * share one.
     *
     * @param provider       the backend name
     * @param path           the request path
     * @param rawQuery       the query string, or empty
     * @param headers        the client's headers; the version and beta headers that change answers are keyed
     * @param forwardedBody  the body as forwarded upstream (after compression)
     * @param credentialHash the caller's {@link CredentialHash}
     */
    public static String key(String provider, String path, String rawQuery, Headers headers, byte[] forwardedBody,
                             String credentialHash) {
        MessageDigest digest = CredentialHash.sha256();
        CredentialHash.update(digest, "provider", provider);
        CredentialHash.update(digest, "path", path);
        CredentialHash.update(digest, "query", rawQuery);
        for (String name : new String[]{"anthropic-version", "anthropic-beta", "openai-beta", "openai-organization",
                "openai-project"}) {
            CredentialHash.update(digest, name, String.join("\n", headers.all(name)));
        }
        CredentialHash.update(digest, "credential", credentialHash);
        CredentialHash.update(digest, forwardedBody);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The stored answer for {@code key}, unless absent or expired. */
    public Optional<Answer> get(String key) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        if (settings.shared().isPresent()) {
            try {
                return settings.shared().get().get(key);
            } catch (RuntimeException unreachable) {
                // fail open to this instance's own entries; the shared store counts the fallback
            }
        }
        Instant now = clock.instant();
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e == null) {
                return Optional.empty();
            }
            if (!now.isBefore(e.expires())) {
                remove(key);
                return Optional.empty();
            }
            return Optional.of(e.answer());
        }
    }

    /** Stores a 200 answer; other statuses, and answers larger than the byte bound, are not stored. */
    public void put(String key, Answer answer) {
        long size = answer.size() + key.length();
        if (!settings.enabled() || answer.status() != 200 || size > settings.maxBytes()) {
            return;
        }
        if (settings.shared().isPresent()) {
            try {
                settings.shared().get().put(key, answer, settings.ttl());
                return;
            } catch (RuntimeException unreachable) {
                // kept locally instead
            }
        }
        Instant expires = clock.instant().plus(settings.ttl());
        synchronized (entries) {
            remove(key);
            entries.put(key, new Entry(answer, expires, size));
            bytes += size;
            Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
            while (entries.size() > settings.maxEntries() || bytes > settings.maxBytes()) {
                bytes -= eldest.next().getValue().size();
                eldest.remove();
            }
        }
    }

    /** Removes every entry (the shared ones too, when reachable); returns how many there were. */
    public int clear() {
        int shared = 0;
        if (settings.shared().isPresent()) {
            try {
                shared = settings.shared().get().clear();
            } catch (RuntimeException unreachable) {
                // the shared entries expire by themselves
            }
        }
        synchronized (entries) {
            int n = entries.size() + shared;
            entries.clear();
            bytes = 0;
            return n;
        }
    }

    /** Entries held (expired ones included until they are looked up or pushed out). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Bytes held. */
    public long bytes() {
        synchronized (entries) {
            return bytes;
        }
    }

    private void remove(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            bytes -= old.size();
        }
    }
}
