package dev.headroom.memory.agent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One remembered fact.
 *
 * @param id          its number in the store (positive)
 * @param text        the fact
 * @param scope       where it applies: {@code project:<path or id>}, {@code user} or {@code global}
 * @param category    a short label ({@code fact}, {@code preference}, {@code command}, {@code fix}, …)
 * @param importance  0 to 1; more important memories rank higher among equally relevant ones
 * @param created     when it was saved
 * @param updated     when it last changed
 * @param accessCount how many times it was returned by a search or put into a request
 * @param supersedes  the memory this one replaces (that one is no longer searched or injected)
 * @param learned     whether {@code --learn} recorded it (rather than the model or a person)
 */
public record Memory(long id, String text, String scope, String category, double importance, Instant created,
                     Instant updated, long accessCount, Optional<Long> supersedes, boolean learned) {
    public Memory {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(supersedes, "supersedes");
    }
}
