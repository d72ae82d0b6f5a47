package dev.headroom.compress.html;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects markdown lines: blocks separated by one blank line (none inside lists), a line prefix for list
 * nesting and quotes, a marker that the next line starts with (a list bullet), and no repeated paragraphs.
 */
final class MarkdownWriter {
    private static final int MIN_REPEATED_PARAGRAPH = 40;

    private final StringBuilder out = new StringBuilder();
    private final Set<String> paragraphs = new HashSet<>();
    private String indent = "";
    private String pendingMarker;
    private int tight;
    private boolean atBlockStart = true;

    String indent() {
        return indent;
    }

    void indent(String value) {
        indent = value;
    }

    /** The next line written starts with {@code marker} instead of the indentation's last characters. */
    void marker(String marker) {
        pendingMarker = marker;
    }

    void enterTight() {
        tight++;
    }

    void exitTight() {
        tight--;
    }

    /** A paragraph; dropped when the same long paragraph was already written. */
    void paragraph(List<String> lines) {
        String joined = String.join("\n", lines);
        if (joined.length() >= MIN_REPEATED_PARAGRAPH && pendingMarker == null && !paragraphs.add(joined)) {
            return;
        }
        block(lines);
    }

    /** Lines written together, after a blank line unless inside a list. */
    void block(List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        if (tight == 0 && out.length() > 0 && !atBlockStart) {
            out.append('\n');
        }
        for (String line : lines) {
            String prefix = indent;
            if (pendingMarker != null) {
                int keep = Math.max(0, indent.length() - pendingMarker.length());
                prefix = indent.substring(0, keep) + pendingMarker;
                pendingMarker = null;
            }
            out.append(line.isEmpty() ? "" : prefix + line).append('\n');
        }
        atBlockStart = false;
    }

    /** Ends the current run of tight lines so the next block starts after a blank line. */
    void separate() {
        if (tight == 0 && out.length() > 0 && !atBlockStart) {
            out.append('\n');
            atBlockStart = true;
        }
    }

    String text() {
        return out.toString().replaceAll("\n{3,}", "\n\n").strip();
    }
}
