package dev.headroom.compress.log;

/**
 * How much of each kind a digest shows.
 *
 * @param headEntries    entries shown from the start (the very first is always shown)
 * @param tailEntries    entries shown from the end (the very last is always shown)
 * @param context        entries shown before and after each error
 * @param warnGroups     distinct warnings shown; more are counted
 * @param repeatGroups   most frequent repeated groups of ordinary lines shown with their count
 * @param minRepeat      how often an ordinary line must repeat to be shown as a group
 * @param rareEntries    ordinary one-of-a-kind entries are all shown when there are at most this many
 * @param queryEntries   entries matching the query shown
 * @param maxFrames      stack frames shown per trace
 * @param problemLines   body lines shown per error entry
 * @param warnLines      body lines shown per warning entry
 * @param otherLines     body lines shown per other entry
 * @param gapNotes       whether cuts between shown entries are marked {@code [… N lines]}
 * @param changeEntries  entries of uncommon templates that announce a change (config, restart, deploy) shown
 * @param relatedEntries ordinary entries sharing a rare token with a shown error or warning shown
 * @param outliersPerGroup entries with outlying numbers shown per repeated template
 * @param lastOfGroups   whether a shown repeated group also shows its last occurrence (until when it went on)
 */
public record DigestBudget(int headEntries, int tailEntries, int context, int warnGroups, int repeatGroups,
                           int minRepeat, int rareEntries, int queryEntries, int maxFrames, int problemLines, int warnLines,
                           int otherLines, boolean gapNotes, int changeEntries, int relatedEntries, int outliersPerGroup,
                           boolean lastOfGroups) {

    /** Defaults for service logs. */
    public static DigestBudget logs() {
        return new DigestBudget(3, 3, 2, 30, 30, 2, 30, 30, 8, 40, 8, 3, true, 40, 20, 5, true);
    }

    /** Defaults for build and test output. */
    public static DigestBudget build() {
        return new DigestBudget(2, 4, 1, 40, 6, 3, 8, 30, 6, 30, 3, 2, false, 10, 20, 3, false);
    }

    /**
     * A tighter variant, used when a target ratio is not met: less context, fewer repeated groups and warnings,
     * shorter bodies. What signals the answer (errors, rare lines, changes, related lines, outliers, query
     * matches) keeps its budget: a target ratio is a ceiling for ordinary material, not permission to lose it.
     */
    public DigestBudget tighter() {
        return new DigestBudget(1, 1, 0, Math.min(warnGroups, 10), Math.min(repeatGroups, 5), minRepeat,
                rareEntries, queryEntries, Math.min(maxFrames, 4), Math.min(problemLines, 12), 0, 0, false,
                changeEntries, relatedEntries, outliersPerGroup, lastOfGroups);
    }
}
