package dev.headroom.compress.code;

import dev.headroom.compress.query.QueryTerms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The outline of Go, Rust, JavaScript and TypeScript by their syntax: strings and comments are masked
 * ({@link SourceMasker}), braces paired ({@link BraceBlocks}), and the bodies of blocks whose header is a
 * function ({@link FunctionHeaders}) elided as {@code { … 23 lines }}. Types, impls, classes, interfaces and
 * object literals are kept and descended into; long doc comments are cut to their first sentence. Functions
 * the query names are kept whole. Unbalanced source gives no outline.
 */
final class BraceOutliner implements Outliner {
    private static final int MIN_BODY_LINES = 2;
    private static final int MIN_COMMENT_LINES = 3;
    /** A JavaScript function spanning more of the file than this is a module wrapper: descend instead. */
    private static final double WRAPPER_SHARE = 0.7;

    private final BraceLanguage language;

    BraceOutliner(BraceLanguage language) {
        this.language = language;
    }

    @Override
    public Optional<List<LineEdit>> edits(List<String> lines, String code, QueryTerms terms) {
        Optional<SourceMasker.Masked> masked = SourceMasker.mask(code, language);
        if (masked.isEmpty()) {
            return Optional.empty();
        }
        String text = masked.get().text();
        Optional<List<BraceBlocks.Block>> blocks = BraceBlocks.find(text, language);
        if (blocks.isEmpty()) {
            return Optional.empty();
        }
        int[] lineStarts = lineStarts(code);
        List<LineEdit> edits = new ArrayList<>();
        List<int[]> keptWhole = new ArrayList<>();
        int skipUntil = -1;
        for (BraceBlocks.Block block : blocks.get()) {
            if (block.open() < skipUntil) {
                continue;
            }
            String header = text.substring(block.headerStart(), block.open());
            Optional<String> function = FunctionHeaders.function(header, language);
            int openLine = lineOf(lineStarts, block.open());
            int closeLine = lineOf(lineStarts, block.close());
            if (function.isEmpty() || isWrapper(header, openLine, closeLine, lines.size())) {
                continue;
            }
            skipUntil = block.close();
            if (!function.get().isEmpty() && terms.names(function.get())) {
                keptWhole.add(new int[] {lineOf(lineStarts, block.headerStart()), closeLine});
                continue;
            }
            int inner = closeLine - openLine - 1;
            if (inner >= MIN_BODY_LINES) {
                int openColumn = block.open() - lineStarts[openLine];
                int closeColumn = block.close() - lineStarts[closeLine];
                String line = lines.get(openLine).substring(0, openColumn) + "{ … " + inner + " lines }"
                        + lines.get(closeLine).substring(closeColumn + 1);
                edits.add(LineEdit.body(openLine, closeLine, line, inner));
            }
        }
        comments(masked.get().comments(), code, lineStarts, lines, keptWhole, edits);
        return Optional.of(edits);
    }

    private boolean isWrapper(String header, int openLine, int closeLine, int totalLines) {
        return language == BraceLanguage.JAVASCRIPT
                && (closeLine - openLine > totalLines * WRAPPER_SHARE || FunctionHeaders.testGroup(header));
    }

    private static void comments(List<int[]> spans, String code, int[] lineStarts, List<String> lines,
                                 List<int[]> keptWhole, List<LineEdit> edits) {
        int runFirst = -1;
        int runLast = -1;
        String runOpener = "";
        for (int[] span : spans) {
            int first = lineOf(lineStarts, span[0]);
            int last = lineOf(lineStarts, Math.max(span[0], span[1] - 1));
            boolean owns = lines.get(first).substring(0, span[0] - lineStarts[first]).isBlank()
                    && lines.get(last).substring(Math.min(lines.get(last).length(), span[1] - lineStarts[last])).isBlank();
            if (!owns || LineEdits.inside(first, keptWhole)) {
                continue;
            }
            boolean block = code.startsWith("/*", span[0]);
            if (block) {
                if (last - first + 1 >= MIN_COMMENT_LINES) {
                    edits.add(DocComments.collapse(lines, first, last, code.startsWith("/**", span[0]) ? "/** " : "/* ", " */"));
                }
                continue;
            }
            String opener = lineOpener(code, span[0]);
            if (runFirst >= 0 && first == runLast + 1 && opener.equals(runOpener)) {
                runLast = first;
                continue;
            }
            addRun(lines, runFirst, runLast, runOpener, edits);
            runFirst = first;
            runLast = first;
            runOpener = opener;
        }
        addRun(lines, runFirst, runLast, runOpener, edits);
    }

    private static void addRun(List<String> lines, int first, int last, String opener, List<LineEdit> edits) {
        if (first >= 0 && last - first + 1 >= MIN_COMMENT_LINES) {
            edits.add(DocComments.collapse(lines, first, last, opener + " ", ""));
        }
    }

    private static String lineOpener(String code, int at) {
        if (code.startsWith("///", at) && !code.startsWith("////", at)) {
            return "///";
        }
        return code.startsWith("//!", at) ? "//!" : "//";
    }

    static int[] lineStarts(String code) {
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    static int lineOf(int[] lineStarts, int offset) {
        int at = Arrays.binarySearch(lineStarts, offset);
        return at >= 0 ? at : -at - 2;
    }
}
