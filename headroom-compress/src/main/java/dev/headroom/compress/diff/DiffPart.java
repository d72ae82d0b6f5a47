package dev.headroom.compress.diff;

import java.util.List;

/** A part of diff output: text outside file diffs (commit headers, messages) or one file's diff. */
sealed interface DiffPart {

    /** Lines outside any file diff, such as {@code commit …}, {@code Author:} and the message. */
    record Text(List<String> lines) implements DiffPart {
        public Text {
            lines = List.copyOf(lines);
        }
    }

    /**
     * One file's diff.
     *
     * @param headerLines {@code diff --git}, {@code index}, mode, rename, {@code ---}/{@code +++} lines as written
     * @param path        the file's path (the new path, or the old one when the file was deleted)
     * @param hunks       the hunks in order
     */
    record FileDiff(List<String> headerLines, String path, List<Hunk> hunks) implements DiffPart {
        public FileDiff {
            headerLines = List.copyOf(headerLines);
            hunks = List.copyOf(hunks);
        }

        boolean isNewFile() {
            return headerLines.stream().anyMatch(l -> l.startsWith("new file mode") || l.equals("--- /dev/null"));
        }

        boolean isDeletedFile() {
            return headerLines.stream().anyMatch(l -> l.startsWith("deleted file mode") || l.equals("+++ /dev/null"));
        }
    }
}
