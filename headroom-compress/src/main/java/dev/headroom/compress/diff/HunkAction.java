package dev.headroom.compress.diff;

/** What the diff compressor does with one hunk. */
enum HunkAction {
    /** Security-relevant or query-relevant: shown exactly as written. */
    KEEP,
    /** Every changed line shown; context cut to one line around each change. */
    TRIM,
    /** Replaced by a count of added and removed lines (lock files, generated files, whitespace-only changes). */
    SUMMARISE,
    /** A large pure deletion: its first lines and a count of the rest. */
    SHORTEN_DELETION,
    /** A large pure addition: an outline of the new code, or its first lines and a count of the rest. */
    SHORTEN_ADDITION
}
