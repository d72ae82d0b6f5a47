package dev.headroom.compress.table;

import dev.headroom.compress.query.QueryTerms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed delimited table with trimmed cells, its constant columns factored out, and its rendering (whole, or
 * only some rows with a line for each run of left-out rows).
 */
final class Table {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?%?");

    private final char delimiter;
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();
    private final Map<Integer, String> constants = new LinkedHashMap<>();

    private Table(char delimiter, String[] header) {
        this.delimiter = delimiter;
        this.header = header;
    }

    static Table of(DelimitedText text) {
        Table table = new Table(text.delimiter, trim(text.rows.get(0)));
        for (int i = 1; i < text.rows.size(); i++) {
            table.rows.add(trim(text.rows.get(i)));
        }
        table.findConstants();
        return table;
    }

    private static String[] trim(String[] cells) {
        String[] trimmed = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            trimmed[i] = cells[i].strip();
        }
        return trimmed;
    }

    private void findConstants() {
        if (rows.size() < 3) {
            return;
        }
        for (int c = 0; c < header.length; c++) {
            String value = null;
            boolean constant = true;
            for (String[] row : rows) {
                if (row.length != header.length || value != null && !value.equals(row[c])) {
                    constant = false;
                    break;
                }
                value = row[c];
            }
            if (constant && constants.size() < header.length - 1) {
                constants.put(c, value);
            }
        }
    }

    int rowCount() {
        return rows.size();
    }

    /** What selection needs to know about the rows: values by column, error signals, query matches. */
    RowSet rowSet(QueryTerms terms) {
        RowSet set = new RowSet(terms);
        for (String[] row : rows) {
            set.addRow();
            for (int c = 0; c < row.length; c++) {
                String name = c < header.length ? header[c] : "column " + (c + 1);
                String cell = row[c];
                if (cell.isEmpty()) {
                    continue;
                }
                boolean numeric = NUMBER.matcher(cell).matches();
                set.value(name, numeric && cell.endsWith("%") ? cell.substring(0, cell.length() - 1) : cell, numeric);
                int level = Severity.classify(name, cell, numeric && !cell.endsWith("%")
                        ? Severity.ValueKind.NUMBER : Severity.ValueKind.STRING);
                set.signal(name + "=" + cell, level, Severity.weight(name));
                set.text(cell);
            }
        }
        set.finish();
        return set;
    }

    /** The table with every row ({@code kept == null}) or only the given rows (ascending indices). */
    String render(int[] kept) {
        StringBuilder out = new StringBuilder();
        if (kept != null) {
            out.append("# ").append(kept.length).append(" of ").append(rows.size())
                    .append(" rows shown; … N omitted … = rows left out\n");
        }
        if (!constants.isEmpty()) {
            out.append("same in every row: {");
            boolean first = true;
            for (Map.Entry<Integer, String> e : constants.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                json(header[e.getKey()], out);
                out.append(':');
                json(e.getValue(), out);
            }
            out.append("}\n");
        }
        line(header, out);
        if (kept == null) {
            for (String[] row : rows) {
                line(row, out);
            }
        } else {
            int next = 0;
            for (int index : kept) {
                gap(index - next, out);
                line(rows.get(index), out);
                next = index + 1;
            }
            gap(rows.size() - next, out);
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static void gap(int count, StringBuilder out) {
        if (count > 0) {
            out.append("… ").append(count).append(" omitted …\n");
        }
    }

    private void line(String[] cells, StringBuilder out) {
        boolean first = true;
        for (int c = 0; c < cells.length; c++) {
            if (constants.containsKey(c) && cells.length == header.length) {
                continue;
            }
            if (!first) {
                out.append(delimiter);
            }
            first = false;
            cell(cells[c], out);
        }
        out.append('\n');
    }

    private void cell(String cell, StringBuilder out) {
        boolean quote = cell.indexOf(delimiter) >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0
                || cell.startsWith("\"") || cell.startsWith("…");
        if (!quote) {
            out.append(cell);
            return;
        }
        out.append('"').append(cell.replace("\"", "\"\"")).append('"');
    }

    private static void json(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
