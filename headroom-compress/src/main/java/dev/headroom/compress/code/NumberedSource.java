package dev.headroom.compress.code;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Source text split into lines, with the line-number prefixes of a file-read tool set aside: Claude Code's
 * Read tool prints every line as {@code "     12\t"} (or {@code "    12→"}) followed by the line. The code
 * without prefixes is what outliners parse; {@link #render} puts each kept line's own prefix back, so the
 * model can still cite line numbers. Lines after the last numbered line (such as a reminder the tool
 * appends) are kept verbatim as a trailer.
 */
final class NumberedSource {
    private static final Pattern PREFIX = Pattern.compile("^( *\\d+(?:\\t|→))");

    private final List<String> prefixes;
    private final List<String> lines;
    private final List<String> trailer;
    private final boolean numbered;
    private final boolean trailingNewline;

    private NumberedSource(List<String> prefixes, List<String> lines, List<String> trailer, boolean numbered,
                           boolean trailingNewline) {
        this.prefixes = prefixes;
        this.lines = lines;
        this.trailer = trailer;
        this.numbered = numbered;
        this.trailingNewline = trailingNewline;
    }

    static NumberedSource of(String text) {
        boolean trailingNewline = text.endsWith("\n");
        String body = trailingNewline ? text.substring(0, text.length() - 1) : text;
        String[] raw = body.split("\n", -1);
        int prefixed = 0;
        int lastPrefixed = -1;
        for (int i = 0; i < raw.length; i++) {
            if (PREFIX.matcher(raw[i]).find()) {
                prefixed++;
                lastPrefixed = i;
            }
        }
        boolean numbered = prefixed > 0 && prefixed * 10 >= (lastPrefixed + 1) * 9;
        List<String> prefixes = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> trailer = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            if (numbered && i > lastPrefixed) {
                trailer.add(raw[i]);
                continue;
            }
            Matcher m = numbered ? PREFIX.matcher(raw[i]) : null;
            if (m != null && m.find()) {
                prefixes.add(m.group(1));
                lines.add(raw[i].substring(m.end()));
            } else {
                prefixes.add("");
                lines.add(raw[i]);
            }
        }
        return new NumberedSource(List.copyOf(prefixes), List.copyOf(lines), List.copyOf(trailer), numbered,
                trailingNewline);
    }

    /** The code lines without prefixes. */
    List<String> lines() {
        return lines;
    }

    /** The code without prefixes, lines joined with {@code \n}. */
    String code() {
        return String.join("\n", lines);
    }

    boolean numbered() {
        return numbered;
    }

    /**
     * The outline with each line's original prefix (the prefix of the source line it stands for). Numbered
     * blank lines are left out: the numbers already show every gap, and each would cost a prefix.
     */
    String render(List<OutlineLine> outline) {
        StringBuilder sb = new StringBuilder();
        for (OutlineLine line : outline) {
            if (numbered && line.text().isBlank()) {
                continue;
            }
            sb.append(prefixes.get(line.source())).append(line.text()).append('\n');
        }
        for (String line : trailer) {
            sb.append(line).append('\n');
        }
        if (!trailingNewline && !sb.isEmpty()) {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }
}
