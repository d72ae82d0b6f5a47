package dev.headroom.stats;

import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.Usage;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * Output tokens of the turns of one holdout arm in one stratum (model family × turn kind): their count, sum and
 * sum of squares, which is all a Welch interval needs, and adds up across processes and restarts.
 *
 * @param arm                 {@code control} or {@code treatment}
 * @param modelFamily         such as {@code claude-sonnet}
 * @param turnKind            {@code question}, {@code tool_continuation} or {@code error}
 * @param turns               turns counted
 * @param outputTokens        their output tokens, summed
 * @param outputTokensSquared the squares of their output tokens, summed
 */
public record HoldoutCell(String arm, String modelFamily, String turnKind, long turns, long outputTokens,
                          long outputTokensSquared) {
    /** Cells by model family, turn kind, then arm. */
    public static final Comparator<HoldoutCell> ORDER = Comparator.comparing(HoldoutCell::modelFamily)
            .thenComparing(HoldoutCell::turnKind).thenComparing(HoldoutCell::arm);

    public HoldoutCell {
        Objects.requireNonNull(arm, "arm");
        Objects.requireNonNull(modelFamily, "modelFamily");
        Objects.requireNonNull(turnKind, "turnKind");
        if (turns < 0 || outputTokens < 0 || outputTokensSquared < 0) {
            throw new IllegalArgumentException("holdout counts must not be negative");
        }
    }

    /**
     * The one turn of {@code record}, when it counts: it took part in the holdout, was answered (2xx) by the
     * upstream (not from the response cache) and the upstream reported its usage.
     */
    public static Optional<HoldoutCell> of(RequestRecord record) {
        RequestRecord.Holdout h = record.holdout();
        if (h == null || !record.answered() || record.cached() || record.usage().equals(Usage.NONE)) {
            return Optional.empty();
        }
        long out = record.usage().outputTokens();
        return Optional.of(new HoldoutCell(h.arm(), h.modelFamily(), h.turnKind(), 1, out, out * out));
    }

    /** Whether {@code other} is of the same arm and stratum. */
    public boolean sameCell(HoldoutCell other) {
        return arm.equals(other.arm) && modelFamily.equals(other.modelFamily) && turnKind.equals(other.turnKind);
    }

    /** This cell's counts plus those of {@code other} (of the same arm and stratum). */
    public HoldoutCell plus(HoldoutCell other) {
        if (!sameCell(other)) {
            throw new IllegalArgumentException("not the same holdout cell: " + other);
        }
        return new HoldoutCell(arm, modelFamily, turnKind, turns + other.turns, outputTokens + other.outputTokens,
                outputTokensSquared + other.outputTokensSquared);
    }

    /** The key of this cell's arm and stratum, which sorts like {@link #ORDER}. */
    String key() {
        return modelFamily + '\u0000' + turnKind + '\u0000' + arm;
    }
}
