package dev.headroom.gateway;

import java.time.Duration;
import java.util.Optional;

/**
 * Whole answers kept outside the process, so that every proxy of a fleet replays what any of them stored (Redis
 * with {@code --store}). The {@link ResponseCache} asks it instead of its own map; when it cannot be reached the
 * cache falls back to its in-memory entries for that lookup or store. Implementations are thread-safe.
 */
public interface SharedResponseCache {

    /**
     * The answer stored under {@code key}, unless absent or expired.
     *
     * @throws RuntimeException when the shared store cannot be reached
     */
    Optional<ResponseCache.Answer> get(String key);

    /**
     * Stores an answer for {@code ttl}.
     *
     * @throws RuntimeException when the shared store cannot be reached
     */
    void put(String key, ResponseCache.Answer answer, Duration ttl);

    /**
     * Removes every stored answer; returns how many there were.
     *
     * @throws RuntimeException when the shared store cannot be reached
     */
    int clear();
}
