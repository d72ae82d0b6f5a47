package dev.headroom.compress.diff;

import dev.headroom.compress.code.CodeOutline;
import dev.headroom.compress.code.SourceOutlines;
import dev.headroom.compress.query.QueryTerms;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prints one hunk according to its {@link HunkAction} and counts the input lines it leaves out. Stateless.
 */
final class HunkRenderer {
    private static final int SHOWN_DELETED_LINES = 3;
    private static final int SHOWN_ADDED_LINES = 40;
    /** Pure additions shorter than this that cannot be outlined are shown whole. */
    private static final int HEAD_ONLY_ADDITION_LINES = 200;

    /**
     * Appends the hunk's rendering to {@code out}; returns how many of its input lines were left out.
     *
     * @param outlines whether a new source file may be shown as its outline (code-aware compression on)
     */
    int render(DiffPart.FileDiff file, Hunk hunk, HunkAction action, QueryTerms terms, boolean outlines, List<String> out) {
        return switch (action) {
            case KEEP -> keep(hunk, out);
            case TRIM -> trim(hunk, out);
            case SUMMARISE -> summarise(hunk, file, out);
            case SHORTEN_DELETION -> shortenDeletion(hunk, out);
            case SHORTEN_ADDITION -> shortenAddition(file, hunk, terms, outlines, out);
        };
    }

    private static int keep(Hunk hunk, List<String> out) {
        out.add(hunk.header());
        out.addAll(hunk.lines());
        return 0;
    }

    private static int trim(Hunk hunk, List<String> out) {
        int[] dropped = new int[1];
        out.addAll(ContextTrimmer.trim(hunk, dropped));
        return dropped[0];
    }

    /** One line in place of the hunk: {@code … @@ -12,7 +12,9 @@ +4 -2 lines (whitespace only)}. */
    private static int summarise(Hunk hunk, DiffPart.FileDiff file, List<String> out) {
        String header = hunk.header();
        int close = header.indexOf(" @@", 3);
        out.add("… " + (close > 0 ? header.substring(0, close + 3) : header) + " " + counts(hunk) + " (" + reason(file) + ")");
        return hunk.lines().size() + 1;
    }

    static String reason(DiffPart.FileDiff file) {
        return new HunkPolicy().lockOrGenerated(file.path()) ? "lock or generated file" : "whitespace only";
    }

    static String counts(Hunk hunk) {
        return "+" + hunk.added() + " -" + hunk.removed() + " lines";
    }

    private static int shortenDeletion(Hunk hunk, List<String> out) {
        out.add(hunk.header());
        int shown = 0;
        for (String line : hunk.lines()) {
            if (line.startsWith("-") && shown < SHOWN_DELETED_LINES) {
                out.add(line);
                shown++;
            }
        }
        int rest = hunk.removed() - shown;
        out.add("… " + rest + " more removed lines" + contextNote(hunk));
        return hunk.lines().size() - shown;
    }

    private static int shortenAddition(DiffPart.FileDiff file, Hunk hunk, QueryTerms terms, boolean outlines,
                                       List<String> out) {
        Optional<String> language = SourceOutlines.languageOfPath(file.path());
        if (outlines && file.isNewFile() && language.isPresent()) {
            Optional<CodeOutline> outline = SourceOutlines.outline(addedText(hunk), language.get(), terms);
            if (outline.isPresent() && outline.get().elidedLines() > 0) {
                out.add(hunk.header());
                out.add("… new file as an outline: " + outline.get().summary());
                List<String> lines = outline.get().text().lines().toList();
                for (String line : lines) {
                    out.add("+" + line);
                }
                return hunk.lines().size() - lines.size();
            }
        }
        if (hunk.added() < HEAD_ONLY_ADDITION_LINES) {
            return trim(hunk, out);
        }
        out.add(hunk.header());
        List<String> shown = new ArrayList<>();
        for (String line : hunk.lines()) {
            if (shown.size() == SHOWN_ADDED_LINES) {
                break;
            }
            shown.add(line);
        }
        out.addAll(shown);
        out.add("… " + (hunk.lines().size() - shown.size()) + " more lines of this hunk (" + counts(hunk) + " in all)");
        return hunk.lines().size() - shown.size();
    }

    private static String addedText(Hunk hunk) {
        StringBuilder sb = new StringBuilder();
        for (String line : hunk.lines()) {
            if (line.startsWith("+")) {
                sb.append(line, 1, line.length()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String contextNote(Hunk hunk) {
        int context = hunk.lines().size() - hunk.removed();
        return context > 0 ? " and " + context + " context lines" : "";
    }
}
