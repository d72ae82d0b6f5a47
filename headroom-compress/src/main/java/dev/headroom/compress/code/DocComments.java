package dev.headroom.compress.code;

import java.util.List;

/**
 * Shortens documentation comments to their first sentence, in the comment syntax they were written in:
 * {@code /** First sentence. … *}{@code /}, {@code /// First sentence. …}, {@code """First sentence. …"""}.
 * A trailing {@code …} says that more was written.
 */
final class DocComments {
    private static final int MAX_SENTENCE_CHARS = 160;

    private DocComments() {
    }

    /**
     * The comment lines {@code first..last} as one line: indentation of the first, {@code open}, the first
     * sentence, {@code close}.
     */
    static LineEdit collapse(List<String> lines, int first, int last, String open, String close) {
        String sentence = firstSentence(lines.subList(first, last + 1));
        String indent = indentOf(lines.get(first));
        String text = sentence.isEmpty() ? "…" : sentence;
        return LineEdit.comment(first, last, indent + open + text + close);
    }

    /** The first sentence of comment lines, without comment syntax, plus {@code " …"} when more follows. */
    static String firstSentence(List<String> commentLines) {
        StringBuilder text = new StringBuilder();
        boolean more = false;
        for (int i = 0; i < commentLines.size(); i++) {
            String line = stripSyntax(commentLines.get(i));
            if (line.startsWith("@") || line.isEmpty() && !text.isEmpty()) {
                more = !line.isEmpty() || hasContentAfter(commentLines, i);
                break;
            }
            if (!line.isEmpty()) {
                text.append(text.isEmpty() ? "" : " ").append(line);
            }
        }
        String joined = text.toString().replaceAll("\\s+", " ").strip();
        int end = sentenceEnd(joined);
        if (end < joined.length()) {
            more = true;
            joined = joined.substring(0, end);
        }
        if (joined.length() > MAX_SENTENCE_CHARS) {
            int cut = joined.lastIndexOf(' ', MAX_SENTENCE_CHARS);
            joined = joined.substring(0, cut > 40 ? cut : MAX_SENTENCE_CHARS);
            more = true;
        }
        return more && !joined.isEmpty() ? joined + " …" : joined;
    }

    static String indentOf(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return line.substring(0, i);
    }

    private static boolean hasContentAfter(List<String> lines, int stop) {
        for (int i = stop + 1; i < lines.size(); i++) {
            if (!stripSyntax(lines.get(i)).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static int sentenceEnd(String text) {
        for (int i = 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && text.charAt(i + 1) == ' ' && !abbreviation(text, i)) {
                return i + 1;
            }
        }
        return text.length();
    }

    private static boolean abbreviation(String text, int dot) {
        String before = text.substring(Math.max(0, dot - 4), dot + 1);
        return before.endsWith("e.g.") || before.endsWith("i.e.") || before.endsWith("etc.") || before.endsWith("vs.");
    }

    private static String stripSyntax(String raw) {
        String s = raw.strip();
        for (String open : new String[] {"/**", "/*!", "/*", "///", "//!", "//", "#", "\"\"\"", "'''"}) {
            if (s.startsWith(open)) {
                s = s.substring(open.length());
                break;
            }
        }
        for (String close : new String[] {"*/", "\"\"\"", "'''"}) {
            if (s.endsWith(close)) {
                s = s.substring(0, s.length() - close.length());
                break;
            }
        }
        s = s.strip();
        if (s.startsWith("*")) {
            s = s.substring(1).strip();
        }
        return s;
    }
}
