package dev.headroom.compress.prose;

import java.util.List;

/**
 * One block of a markdown-ish text.
 *
 * @param kind   what the block is
 * @param prefix for list items and quotes the marker that starts the line (such as {@code "  - "} or
 *               {@code "> "}); otherwise empty
 * @param lines  the block's lines: for list items and quotes the text without the marker and indentation;
 *               for paragraphs the lines without trailing space; for every other kind the raw lines
 */
record Block(Kind kind, String prefix, List<String> lines) {

    /** The kinds of block the parser tells apart. */
    enum Kind {
        BLANK, HEADING, CODE, TABLE, HTML, RULE, LIST_ITEM, QUOTE, PARAGRAPH, VERBATIM
    }

    Block {
        lines = List.copyOf(lines);
    }

    static Block of(Kind kind, String line) {
        return new Block(kind, "", List.of(line));
    }

    /** Whether the block holds prose that sentence selection may shorten. */
    boolean isProse() {
        return kind == Kind.PARAGRAPH || kind == Kind.LIST_ITEM || kind == Kind.QUOTE;
    }

    String joined() {
        return String.join("\n", lines);
    }
}
