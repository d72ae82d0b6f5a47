package dev.headroom.compress.json;

import java.util.Map;

/**
 * Writes a {@link TableLayout}: the constant fields as one compact JSON object, the header row of column
 * names, then one comma-separated row per item (trailing absent cells dropped) and one line per gap.
 */
final class TableWriter {

    private TableWriter() {
    }

    static void write(TableLayout table, StringBuilder out) {
        if (!table.constants.isEmpty()) {
            out.append(table.raws > 0 ? "same in every JSON row" : "same in every row")
                    .append(table.constantsHoldForAll ? ": {" : " shown: {");
            boolean first = true;
            for (Map.Entry<String, Json> e : table.constants.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                JsonText.quote(e.getKey(), out);
                out.append(':');
                JsonText.inline(e.getValue(), out);
            }
            out.append("}\n");
        }
        if (table.names.isEmpty()) {
            return; // every field is constant: the line above says it all
        }
        for (int c = 0; c < table.names.size(); c++) {
            if (c > 0) {
                out.append(',');
            }
            out.append(table.names.get(c));
            if (table.textTyped.get(c)) {
                out.append(":str");
            }
        }
        out.append('\n');
        for (int r = 0; r < table.rows.size(); r++) {
            Json[] cells = table.rows.get(r);
            if (cells == null) {
                gapLine(table.gaps.get(r), out);
                continue;
            }
            int last = cells.length - 1;
            while (last > 0 && cells[last] == null) {
                last--;
            }
            for (int c = 0; c <= last; c++) {
                if (c > 0) {
                    out.append(',');
                }
                if (cells[c] != null) {
                    JsonText.cell(cells[c], table.textTyped.get(c), out);
                }
            }
            out.append('\n');
        }
    }

    /** A line standing for {@code count} left-out rows or items. */
    static void gapLine(int count, StringBuilder out) {
        out.append("… ").append(count).append(" omitted …\n");
    }
}
