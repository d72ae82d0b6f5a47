package dev.headroom.compress.code;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Pairs the braces of a masked source (see {@link SourceMasker}) and finds each block's header: the text of
 * the statement that the opening brace ends, such as {@code export async function load(id: string)}.
 * Gives nothing when braces or brackets do not balance.
 */
final class BraceBlocks {
    /**
     * One {@code { … }} block.
     *
     * @param open        offset of the opening brace
     * @param close       offset of the closing brace
     * @param headerStart offset where the block's header starts (the header ends at {@code open})
     */
    record Block(int open, int close, int headerStart) {
    }

    private record Frame(int open, int headerStart, int savedParens, int savedStatementStart) {
    }

    private BraceBlocks() {
    }

    static Optional<List<Block>> find(String masked, BraceLanguage language) {
        List<Block> blocks = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        int parens = 0;
        int statementStart = 0;
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            switch (c) {
                case '(', '[' -> parens++;
                case ')', ']' -> {
                    if (--parens < 0) {
                        return Optional.empty();
                    }
                }
                case '{' -> {
                    stack.push(new Frame(i, statementStart, parens, statementStart));
                    parens = 0;
                    statementStart = i + 1;
                }
                case '}' -> {
                    if (stack.isEmpty() || parens != 0) {
                        return Optional.empty();
                    }
                    Frame frame = stack.pop();
                    blocks.add(new Block(frame.open(), i, frame.headerStart()));
                    parens = frame.savedParens();
                    statementStart = parens > 0 ? frame.savedStatementStart() : i + 1;
                }
                case ';' -> statementStart = parens == 0 ? i + 1 : statementStart;
                case '\n' -> statementStart = parens == 0 && language.newlineEndsStatement() ? i + 1 : statementStart;
                default -> {
                }
            }
        }
        if (!stack.isEmpty() || parens != 0) {
            return Optional.empty();
        }
        blocks.sort(Comparator.comparingInt(Block::open));
        return Optional.of(blocks);
    }
}
