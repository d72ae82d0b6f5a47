package dev.headroom.compress.prose;

import dev.headroom.compress.text.Fence;
import dev.headroom.compress.text.LosslessText;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits markdown (or plain text) into blocks, line by line, in linear time. */
final class MarkdownParser {
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}(?:\\s|$)");
    private static final Pattern SETEXT = Pattern.compile("^ {0,3}(?:=+|-+)\\s*$");
    private static final Pattern RULE = Pattern.compile("^ {0,3}([-*_])(?: *\\1){2,} *$");
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("^\\s*\\|?\\s*:?-+:?\\s*(?:\\|\\s*:?-+:?\\s*)+\\|?\\s*$");
    private static final Pattern HTML = Pattern.compile("^ {0,3}(?:<!--|</?[A-Za-z][\\w-]*(?:\\s|>|/>|$))");
    private static final Pattern LIST_ITEM = Pattern.compile("^(\\s*)([-*+]|\\d{1,9}[.)])(\\s+)(\\S.*)$");
    private static final Pattern QUOTE = Pattern.compile("^ {0,3}>\\s?(.*)$");

    private MarkdownParser() {
    }

    static List<Block> parse(String text) {
        String[] lines = LosslessText.splitLines(text);
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            Fence fence = Fence.open(line);
            if (fence != null) {
                int close = Math.min(Fence.closingLine(lines, i, fence), lines.length - 1);
                blocks.add(new Block(Block.Kind.CODE, "", slice(lines, i, close + 1)));
                i = close + 1;
            } else if (line.isBlank()) {
                blocks.add(Block.of(Block.Kind.BLANK, ""));
                i++;
            } else if (HEADING.matcher(line).find()) {
                blocks.add(Block.of(Block.Kind.HEADING, line.strip()));
                i++;
            } else if (RULE.matcher(line).matches()) {
                blocks.add(Block.of(Block.Kind.RULE, line));
                i++;
            } else if (isTableStart(lines, i)) {
                int end = i;
                while (end < lines.length && lines[end].contains("|") && !lines[end].isBlank()) {
                    end++;
                }
                blocks.add(new Block(Block.Kind.TABLE, "", slice(lines, i, end)));
                i = end;
            } else if (HTML.matcher(line).find()) {
                int end = i;
                while (end < lines.length && !lines[end].isBlank()) {
                    end++;
                }
                blocks.add(new Block(Block.Kind.HTML, "", slice(lines, i, end)));
                i = end;
            } else {
                i = parseText(lines, i, blocks);
            }
        }
        return blocks;
    }

    /** Parses a list item, a quote, an indented code block or a paragraph starting at line {@code i}. */
    private static int parseText(String[] lines, int i, List<Block> blocks) {
        String line = lines[i];
        Matcher item = LIST_ITEM.matcher(line);
        if (item.matches() && !RULE.matcher(line).matches()) {
            String prefix = item.group(1) + item.group(2) + " ";
            List<String> body = new ArrayList<>(List.of(item.group(4).strip()));
            int end = continuation(lines, i + 1, body, true);
            blocks.add(new Block(Block.Kind.LIST_ITEM, prefix, body));
            return end;
        }
        Matcher quote = QUOTE.matcher(line);
        if (quote.matches()) {
            List<String> body = new ArrayList<>();
            int end = i;
            while (end < lines.length) {
                Matcher q = QUOTE.matcher(lines[end]);
                if (!q.matches() || q.group(1).isBlank()) {
                    break;
                }
                body.add(q.group(1).strip());
                end++;
            }
            if (body.isEmpty()) {
                blocks.add(new Block(Block.Kind.VERBATIM, "", List.of(line)));
                return i + 1;
            }
            blocks.add(new Block(Block.Kind.QUOTE, "> ", body));
            return end;
        }
        boolean afterBlank = blocks.isEmpty() || blocks.get(blocks.size() - 1).kind() == Block.Kind.BLANK;
        if (afterBlank && (line.startsWith("    ") || line.startsWith("\t"))) {
            int end = i;
            while (end < lines.length && (lines[end].startsWith("    ") || lines[end].startsWith("\t")
                    || lines[end].isBlank() && end + 1 < lines.length && lines[end + 1].startsWith("    "))) {
                end++;
            }
            blocks.add(new Block(Block.Kind.VERBATIM, "", slice(lines, i, end)));
            return end;
        }
        if (i + 1 < lines.length && SETEXT.matcher(lines[i + 1]).matches() && !lines[i + 1].isBlank()) {
            String marker = lines[i + 1].strip().startsWith("=") ? "# " : "## ";
            blocks.add(Block.of(Block.Kind.HEADING, marker + line.strip()));
            return i + 2;
        }
        List<String> body = new ArrayList<>(List.of(line.stripTrailing()));
        int end = continuation(lines, i + 1, body, false);
        blocks.add(new Block(Block.Kind.PARAGRAPH, "", body));
        return end;
    }

    /**
     * Adds the lines that continue a paragraph or list item (stripped, or only of trailing space) and
     * returns the index after them.
     */
    private static int continuation(String[] lines, int from, List<String> body, boolean strip) {
        int end = from;
        while (end < lines.length && !startsBlock(lines, end)) {
            body.add(strip ? lines[end].strip() : lines[end].stripTrailing());
            end++;
        }
        return end;
    }

    private static boolean startsBlock(String[] lines, int i) {
        String line = lines[i];
        return line.isBlank() || Fence.open(line) != null || HEADING.matcher(line).find()
                || RULE.matcher(line).matches() || LIST_ITEM.matcher(line).matches() || QUOTE.matcher(line).matches()
                || isTableStart(lines, i) || HTML.matcher(line).find() || SETEXT.matcher(line).matches();
    }

    private static boolean isTableStart(String[] lines, int i) {
        String line = lines[i];
        if (!line.contains("|")) {
            return false;
        }
        if (line.stripLeading().startsWith("|") && line.stripTrailing().endsWith("|")) {
            return true;
        }
        return i + 1 < lines.length && TABLE_SEPARATOR.matcher(lines[i + 1]).matches();
    }

    private static List<String> slice(String[] lines, int from, int to) {
        return java.util.Arrays.asList(lines).subList(from, to);
    }
}
