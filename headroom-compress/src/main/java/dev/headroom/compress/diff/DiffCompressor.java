package dev.headroom.compress.diff;

import dev.headroom.compress.query.QueryTerms;
import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compresses unified diffs ({@link ContentType#DIFF}), including {@code git show} and {@code git log -p}
 * output with commit headers.
 *
 * <p>Transform {@code diff:trimmed}: commit headers, messages and file headers stay (without {@code index}
 * lines); hunks touching security-relevant code or matching the query stay exactly as written; other hunks
 * keep every changed line with one line of context around each change (split with exact {@code @@} headers);
 * lock files, generated files and whitespace-only hunks become counts of added and removed lines; large pure
 * deletions show their first lines; large new source files show an outline. The whole original is retained
 * behind one marker. Declines in lossless mode and without retention.
 */
public final class DiffCompressor implements Compressor {
    private static final double MAX_SHARE = 0.9;

    private final DiffParser parser = new DiffParser();
    private final HunkPolicy policy = new HunkPolicy();
    private final HunkRenderer renderer = new HunkRenderer();

    @Override
    public String name() {
        return "diff";
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.DIFF);
    }

    @Override
    public CompressorResult compress(ContentUnit unit, CompressionContext context) {
        try {
            return compressSafely(unit.text(), context);
        } catch (RuntimeException | StackOverflowError e) {
            return CompressorResult.declined("diff could not be compressed: " + e.getClass().getSimpleName());
        }
    }

    private CompressorResult compressSafely(String text, CompressionContext context) {
        if (text.isBlank()) {
            return CompressorResult.declined("blank");
        }
        if (context.lossless() || !context.canRetain()) {
            return CompressorResult.declined("trimming a diff is lossy and needs retention");
        }
        Optional<List<DiffPart>> parsed = parser.parse(text);
        if (parsed.isEmpty()) {
            return CompressorResult.declined("not a unified diff");
        }
        QueryTerms terms = QueryTerms.of(context.query());
        List<String> out = new ArrayList<>();
        int omitted = 0;
        int summarised = 0;
        int hunks = 0;
        for (DiffPart part : parsed.get()) {
            if (part instanceof DiffPart.Text t) {
                out.addAll(t.lines());
                continue;
            }
            DiffPart.FileDiff file = (DiffPart.FileDiff) part;
            omitted += header(file, out);
            List<HunkAction> actions = new ArrayList<>();
            for (Hunk hunk : file.hunks()) {
                actions.add(policy.action(file, hunk, terms));
            }
            hunks += file.hunks().size();
            if (file.hunks().size() > 1 && actions.stream().allMatch(a -> a == HunkAction.SUMMARISE)) {
                omitted += summariseFile(file, out);
                summarised += file.hunks().size();
                continue;
            }
            for (int i = 0; i < file.hunks().size(); i++) {
                HunkAction action = actions.get(i);
                summarised += action == HunkAction.SUMMARISE || action == HunkAction.SHORTEN_DELETION ? 1 : 0;
                omitted += renderer.render(file, file.hunks().get(i), action, terms, context.codeAware(), out);
            }
        }
        int total = (int) text.lines().count();
        String rendered = String.join("\n", out);
        if (omitted == 0 || rendered.length() > text.length() * MAX_SHARE) {
            return CompressorResult.declined("the diff has nothing worth trimming");
        }
        String summary = omitted + " of " + total + " diff lines omitted: context trimmed"
                + (summarised > 0 ? ", " + summarised + " of " + hunks + " hunks summarised" : "");
        return CompressorResult.of(rendered + "\n" + context.retain(text, summary), "diff:trimmed");
    }

    /**
     * The file header without {@code index} lines, and without the {@code diff --git} line when the file was
     * only modified (its {@code ---} and {@code +++} lines name it); returns how many lines it left out.
     */
    private static int header(DiffPart.FileDiff file, List<String> out) {
        List<String> lines = file.headerLines();
        boolean plain = lines.get(0).startsWith("diff --git ") && lines.stream().anyMatch(l -> l.startsWith("+++ "))
                && lines.stream().skip(1).allMatch(l -> l.startsWith("index ") || l.startsWith("--- ") || l.startsWith("+++ "));
        int left = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("index ") || i == 0 && plain) {
                left++;
            } else {
                out.add(line);
            }
        }
        return left;
    }

    private static int summariseFile(DiffPart.FileDiff file, List<String> out) {
        int added = 0;
        int removed = 0;
        int lines = 0;
        for (Hunk hunk : file.hunks()) {
            added += hunk.added();
            removed += hunk.removed();
            lines += hunk.lines().size() + 1;
        }
        out.add("… " + file.hunks().size() + " hunks, +" + added + " -" + removed + " lines ("
                + HunkRenderer.reason(file) + ")");
        return lines;
    }
}
