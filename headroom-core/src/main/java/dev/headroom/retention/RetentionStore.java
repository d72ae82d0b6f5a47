package dev.headroom.retention;

import java.util.Map;
import java.util.Optional;

/**
 * Keeps the originals of lossy cuts so that the model can fetch them back with {@code headroom_retrieve}.
 * Keys are {@link ContentHash content hashes}. Implementations are thread-safe; an in-memory store lives in
 * core, and headroom-ccr adds a SQLite store that survives restarts.
 */
public interface RetentionStore {

    /** Stores {@code original} under its content hash and returns the hash. Storing twice is harmless. */
    String put(String original);

    /**
     * Stores each of {@code originals} as {@link #put} does. Stores that write to a file override this to
     * write the whole batch at once (one transaction).
     */
    default void putAll(java.util.List<String> originals) {
        originals.forEach(this::put);
    }

    /** The original stored under {@code hash}, when it is still there. */
    Optional<String> get(String hash);

    /** Where the originals are kept, for reports such as {@code /health}: a file path, or {@code "memory"}. */
    default String location() {
        return "memory";
    }

    /**
     * Whether originals can be stored right now. A shared store (Redis) answers false while it is unreachable;
     * the engine then compresses that request losslessly, so no marker points at an original that was not kept.
     */
    default boolean available() {
        return true;
    }

    /** How often this store fell back because it was unreachable, by reason code (e.g. {@code store_unavailable:retention}). */
    default Map<String, Long> fallbacks() {
        return Map.of();
    }
}
