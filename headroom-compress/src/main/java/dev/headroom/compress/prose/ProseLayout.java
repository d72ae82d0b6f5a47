package dev.headroom.compress.prose;

import dev.headroom.compress.text.LosslessText;
import dev.headroom.tokens.TokenCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The first step of prose reduction: turns blocks into the output's skeleton — lines that are kept as they
 * are (headings, code, tables, non-prose text) and prose units (paragraphs, list items, quotes) whose
 * sentences selection may drop.
 */
final class ProseLayout {
    private static final Pattern TOC_ITEM = Pattern.compile("^\\[[^\\]]+]\\(#[^)\\s]*\\)$");
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("^[\\s|:-]+$");
    private static final int WRAPPED_LINE_CHARS = 40;

    /** One element of the output: fixed lines, or a prose unit rendered from its kept sentences. */
    record Item(List<String> lines, int unit, String prefix, boolean heading) {
        static Item fixed(List<String> lines) {
            return new Item(lines, -1, "", false);
        }

        boolean isUnit() {
            return unit >= 0;
        }
    }

    final List<Item> items = new ArrayList<>();
    final List<Sentence> sentences = new ArrayList<>();
    /** Table rows, against which sentences are checked for repetition. */
    final List<Sentence> references = new ArrayList<>();
    /** Sentences of each unit, in order. */
    final List<List<Sentence>> units = new ArrayList<>();
    /** Whether each unit is a list item. */
    final List<Boolean> listItems = new ArrayList<>();
    int fixedTokens;
    int elidedLines;
    int droppedLines;
    boolean simplified;
    /** Lines of paragraphs that are prose, and those that are records or too short to tell. */
    int proseLines;
    int recordLines;
    private boolean afterHeading;

    private final TokenCounter tokens;
    private final boolean markdown;

    private ProseLayout(TokenCounter tokens, boolean markdown) {
        this.tokens = tokens;
        this.markdown = markdown;
    }

    /**
     * @param markdown whether line breaks inside a paragraph are soft (markdown); in plain text only
     *                 hard-wrapped lines are joined
     */
    static ProseLayout of(List<Block> blocks, TokenCounter tokens, boolean markdown) {
        ProseLayout layout = new ProseLayout(tokens, markdown);
        for (int i = 0; i < blocks.size(); i++) {
            layout.add(blocks.get(i), nextKind(blocks, i));
        }
        return layout;
    }

    private void add(Block block, Block.Kind next) {
        switch (block.kind()) {
            case BLANK -> fixed(List.of(""));
            case HEADING -> {
                fixed(block.lines());
                items.set(items.size() - 1, new Item(block.lines(), -1, "", true));
                afterHeading = true;
            }
            case VERBATIM -> fixed(block.lines());
            case RULE -> simplified = true;
            case CODE -> {
                elidedLines += CodeBlocks.elidable(block.lines());
                fixed(CodeBlocks.elide(block.lines()));
            }
            case TABLE -> fixed(block.lines().stream().map(this::tidyRow).toList());
            case HTML -> html(block, next);
            case LIST_ITEM -> {
                String body = String.join(" ", block.lines());
                if (TOC_ITEM.matcher(body).matches()) {
                    droppedLines++;
                } else {
                    proseOrFixed(block.prefix(), body, next);
                }
            }
            case QUOTE -> proseOrFixed(block.prefix(), String.join(" ", block.lines()), next);
            case PARAGRAPH -> paragraph(block, next);
        }
    }

    /**
     * A paragraph is split into runs of prose lines, which become units, and record lines (tables,
     * aligned columns, data), which stay as they are. In markdown only laid-out lines (indented or aligned)
     * break a run, and a run with a prose line is one unit; in plain text every line must read as prose and
     * only hard-wrapped lines are joined.
     */
    private void paragraph(Block block, Block.Kind next) {
        List<String> lines = LosslessText.collapseRepeats(block.lines());
        int i = 0;
        while (i < lines.size()) {
            int j = markdown ? markdownRun(lines, i) : textRun(lines, i);
            boolean prose = j > i && (markdown ? hasProse(lines, i, j) : true);
            if (!prose) {
                int end = Math.max(j, i + 1);
                fixed(lines.subList(i, end));
                recordLines += end - i;
                i = end;
                continue;
            }
            StringBuilder run = new StringBuilder();
            for (int k = i; k < j; k++) {
                run.append(k > i ? " " : "").append(lines.get(k).strip());
            }
            proseLines += j - i;
            unit("", run.toString(), j == lines.size() ? next : Block.Kind.PARAGRAPH);
            i = j;
        }
    }

    /** The end of the markdown run of lines that are not laid out, starting at line {@code i}. */
    private static int markdownRun(List<String> lines, int i) {
        int j = i;
        while (j < lines.size() && !LineKind.isLaidOut(lines.get(j))) {
            j++;
        }
        return j;
    }

    private static boolean hasProse(List<String> lines, int from, int to) {
        for (int k = from; k < to; k++) {
            if (LineKind.of(lines.get(k)) == LineKind.PROSE) {
                return true;
            }
        }
        return false;
    }

    /** The end of the plain-text prose run starting at line {@code i}, or {@code i} when there is none. */
    private static int textRun(List<String> lines, int i) {
        if (LineKind.of(lines.get(i)) != LineKind.PROSE) {
            return i;
        }
        int j = i + 1;
        while (j < lines.size() && LineKind.of(lines.get(j)) != LineKind.RECORD
                && continuesOnNextLine(lines.get(j - 1), lines.get(j))) {
            j++;
        }
        return j;
    }

    /** In plain text, whether a line is hard-wrapped prose that the next line continues. */
    private static boolean continuesOnNextLine(String line, String next) {
        if (line.length() < WRAPPED_LINE_CHARS || next.isEmpty()) {
            return false;
        }
        char end = line.charAt(line.length() - 1);
        return ".!?:;".indexOf(end) < 0 || Character.isLowerCase(next.charAt(0));
    }

    private void html(Block block, Block.Kind next) {
        simplified = true;
        for (String line : InlineMarkup.htmlBlockLines(block.joined())) {
            if (line.startsWith("#")) {
                fixed(List.of(line));
                items.set(items.size() - 1, new Item(List.of(line), -1, "", true));
            } else if (LineKind.of(line) == LineKind.PROSE) {
                unit("", line, next);
            } else {
                droppedLines++;
            }
        }
    }

    private void proseOrFixed(String prefix, String body, Block.Kind next) {
        if (LineKind.of(body) == LineKind.PROSE) {
            unit(prefix, body, next);
        } else {
            fixed(List.of(prefix + body));
        }
    }

    private void unit(String prefix, String text, Block.Kind next) {
        String clean = InlineMarkup.simplify(text);
        simplified |= !clean.equals(text);
        List<String> parts = SentenceSplitter.split(clean);
        if (parts.isEmpty()) {
            return;
        }
        int unit = units.size();
        List<Sentence> own = new ArrayList<>(parts.size());
        boolean beforeBlock = next == Block.Kind.CODE || next == Block.Kind.LIST_ITEM || next == Block.Kind.TABLE
                || next == Block.Kind.VERBATIM;
        for (int k = 0; k < parts.size(); k++) {
            String s = parts.get(k);
            boolean intro = beforeBlock && k == parts.size() - 1 && s.endsWith(":");
            Sentence sentence = new Sentence(unit, k, s, tokens.count(s), Terms.of(s), intro, afterHeading && k == 0);
            own.add(sentence);
            sentences.add(sentence);
        }
        units.add(own);
        listItems.add(!prefix.isEmpty() && !prefix.startsWith(">"));
        items.add(new Item(List.of(), unit, prefix, false));
        afterHeading = false;
    }

    private void fixed(List<String> lines) {
        items.add(Item.fixed(lines));
        if (!lines.equals(List.of(""))) {
            afterHeading = false;
        }
        for (String line : lines) {
            if (!line.isEmpty()) {
                fixedTokens += tokens.count(line) + 1;
            }
        }
    }

    private String tidyRow(String row) {
        String tidy;
        if (TABLE_SEPARATOR.matcher(row).matches()) {
            tidy = row.replaceAll("\\s+", "").replaceAll("-{3,}", "---");
        } else {
            tidy = InlineMarkup.simplify(row).strip();
            references.add(Sentence.reference(tidy, Terms.of(tidy)));
        }
        simplified |= !tidy.equals(row);
        return tidy;
    }

    private static Block.Kind nextKind(List<Block> blocks, int i) {
        for (int k = i + 1; k < blocks.size(); k++) {
            if (blocks.get(k).kind() != Block.Kind.BLANK) {
                return blocks.get(k).kind();
            }
        }
        return Block.Kind.BLANK;
    }
}
