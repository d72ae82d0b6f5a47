package dev.headroom.compress.columns;

import dev.headroom.compress.query.QueryTerms;
import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Space-aligned command-line tables ({@code kubectl get}, {@code docker ps}, ...). Lossless: cells joined by
 * a tab instead of padding, and columns with one value in every row stated once. Lossy (when the original
 * can be retained): only the rows that report trouble (a status other than running/completed, restarts, a
 * pod not fully ready), rows matching the query, and the first and last row, with counts of the rest by
 * status; the whole original behind one marker.
 */
public final class AlignedTableCompressor implements Compressor {
    private static final int LOSSY_MIN_ROWS = 12;

    @Override
    public String name() {
        return "aligned-table";
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.TEXT, ContentType.PROSE, ContentType.CSV, ContentType.LOG);
    }

    /** Before prose and text handling, which would otherwise see a table as lines of words. */
    @Override
    public int priority() {
        return 70;
    }

    @Override
    public CompressorResult compress(ContentUnit unit, CompressionContext context) {
        try {
            String text = unit.text().replace("\r\n", "\n");
            if (text.isBlank()) {
                return CompressorResult.declined("empty");
            }
            AlignedTable table = AlignedTable.parse(text);
            if (table == null) {
                return CompressorResult.declined("not a space-aligned table");
            }
            boolean lossy = context.canRetain() && table.rows.size() >= LOSSY_MIN_ROWS;
            return lossy ? lossy(unit.text(), table, context) : CompressorResult.of(render(table, table.rows, List.of()), "aligned-table:tabs");
        } catch (RuntimeException e) {
            return CompressorResult.declined("could not read the table: " + e.getClass().getSimpleName());
        }
    }

    private static CompressorResult lossy(String original, AlignedTable table, CompressionContext context) {
        QueryTerms terms = QueryTerms.of(context.query());
        List<List<String>> kept = new ArrayList<>();
        Map<String, Integer> omittedByStatus = new LinkedHashMap<>();
        int statusColumn = statusColumn(table.columns);
        int nameColumn = table.columns.indexOf("NAME");
        List<String> omittedNames = new ArrayList<>();
        for (int r = 0; r < table.rows.size(); r++) {
            List<String> row = table.rows.get(r);
            boolean keep = r == 0 || r == table.rows.size() - 1 || RowHealth.abnormal(table.columns, row)
                    || terms.matches(String.join(" ", row));
            if (keep) {
                kept.add(row);
            } else {
                String status = statusColumn >= 0 ? row.get(statusColumn) : "other";
                omittedByStatus.merge(status.isEmpty() ? "other" : status, 1, Integer::sum);
                if (nameColumn >= 0) {
                    omittedNames.add(row.get(nameColumn));
                }
            }
        }
        int omitted = table.rows.size() - kept.size();
        if (omitted == 0) {
            return CompressorResult.of(render(table, table.rows, List.of()), "aligned-table:tabs");
        }
        List<String> notes = new ArrayList<>();
        StringBuilder counts = new StringBuilder();
        omittedByStatus.forEach((status, n) -> counts.append(counts.length() == 0 ? "" : ", ").append(n).append(' ').append(status));
        notes.add("… " + omitted + " more rows (" + counts + ") omitted"
                + (omittedNames.isEmpty() ? "" : "; their NAME: " + String.join(", ", omittedNames)));
        notes.add(context.retain(original, omitted + " of " + table.rows.size() + " rows omitted"));
        return CompressorResult.of(render(table, kept, notes), "aligned-table:rows");
    }

    private static String render(AlignedTable table, List<List<String>> rows, List<String> notes) {
        List<Integer> varying = new ArrayList<>();
        List<String> constant = new ArrayList<>();
        for (int c = 0; c < table.columns.size(); c++) {
            String first = table.rows.get(0).get(c);
            boolean same = true;
            for (List<String> row : table.rows) {
                if (!row.get(c).equals(first)) {
                    same = false;
                    break;
                }
            }
            if (same && table.rows.size() > 1) {
                constant.add(table.columns.get(c) + "=" + first);
            } else {
                varying.add(c);
            }
        }
        List<String> out = new ArrayList<>(table.preamble);
        out.add(join(table.columns, varying));
        for (List<String> row : rows) {
            out.add(join(row, varying));
        }
        if (!constant.isEmpty()) {
            out.add("(same in every row: " + String.join(", ", constant) + ")");
        }
        out.addAll(notes);
        out.addAll(table.trailer);
        return String.join("\n", out);
    }

    private static String join(List<String> cells, List<Integer> columns) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sb.append('\t');
            }
            sb.append(cells.get(columns.get(i)));
        }
        return sb.toString();
    }

    private static int statusColumn(List<String> columns) {
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c).toUpperCase(Locale.ROOT);
            if (name.equals("STATUS") || name.equals("STATE") || name.equals("PHASE")) {
                return c;
            }
        }
        return -1;
    }
}
