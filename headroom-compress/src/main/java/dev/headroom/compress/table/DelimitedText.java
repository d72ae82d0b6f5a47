package dev.headroom.compress.table;

import java.util.ArrayList;
import java.util.List;

/**
 * A comma-, tab-, semicolon- or pipe-separated table: the delimiter is the one that splits the first lines
 * into the same number of fields; comma and semicolon tables honour RFC 4180 quotes (a quoted field may hold
 * delimiters, doubled quotes and line breaks). Cells are stored as written, without the quotes.
 */
final class DelimitedText {
    private static final char[] DELIMITERS = {'\t', ',', ';', '|'};
    private static final int SAMPLE_LINES = 20;

    final char delimiter;
    final List<String[]> rows;

    private DelimitedText(char delimiter, List<String[]> rows) {
        this.delimiter = delimiter;
        this.rows = rows;
    }

    /** The table in {@code text}, or null when no delimiter splits its lines consistently. */
    static DelimitedText parse(String text) {
        char delimiter = detect(text);
        if (delimiter == 0) {
            return null;
        }
        List<String[]> rows = delimiter == '\t' || delimiter == '|' ? splitPlain(text, delimiter) : splitQuoted(text, delimiter);
        if (rows == null || rows.size() < 3) {
            return null;
        }
        int width = rows.get(0).length;
        int consistent = 0;
        for (String[] row : rows) {
            if (row.length == width) {
                consistent++;
            }
        }
        return width >= 2 && consistent * 10 >= rows.size() * 8 ? new DelimitedText(delimiter, rows) : null;
    }

    private static char detect(String text) {
        String[] lines = text.split("\n", SAMPLE_LINES + 1);
        int sampled = Math.min(lines.length, SAMPLE_LINES);
        for (char d : DELIMITERS) {
            int first = -1;
            int same = 0;
            int nonBlank = 0;
            for (int i = 0; i < sampled; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                nonBlank++;
                int count = count(lines[i], d);
                if (first < 0) {
                    first = count;
                }
                if (count == first && count > 0) {
                    same++;
                }
            }
            if (first > 0 && nonBlank >= 3 && same * 10 >= nonBlank * 8) {
                return d;
            }
        }
        return 0;
    }

    /** Delimiters in {@code line}, not counting those inside quotes for comma and semicolon tables. */
    private static int count(String line, char d) {
        boolean quotes = d == ',' || d == ';';
        boolean inside = false;
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quotes && c == '"') {
                inside = !inside;
            } else if (c == d && !inside) {
                n++;
            }
        }
        return n;
    }

    private static List<String[]> splitPlain(String text, char delimiter) {
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (delimiter == '|') {
                line = stripPipes(line.strip());
                if (line.chars().allMatch(c -> c == '-' || c == ':' || c == '|' || c == ' ')) {
                    continue; // a markdown separator row
                }
            }
            rows.add(line.split(delimiter == '|' ? "\\|" : "\t", -1));
        }
        return rows;
    }

    private static String stripPipes(String line) {
        int start = line.startsWith("|") ? 1 : 0;
        int end = line.endsWith("|") && line.length() > start ? line.length() - 1 : line.length();
        return line.substring(start, end);
    }

    private static List<String[]> splitQuoted(String text, char delimiter) {
        List<String[]> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                any = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRow(rows, fields, field, any);
                any = false;
            } else {
                field.append(c);
                any = any || !Character.isWhitespace(c);
            }
        }
        if (quoted) {
            return null; // an unterminated quote: not a table we can read safely
        }
        endRow(rows, fields, field, any);
        return rows;
    }

    private static void endRow(List<String[]> rows, List<String> fields, StringBuilder field, boolean any) {
        if (any || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(fields.toArray(new String[0]));
        }
        fields.clear();
        field.setLength(0);
    }
}
