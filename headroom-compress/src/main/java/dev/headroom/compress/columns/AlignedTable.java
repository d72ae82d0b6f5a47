package dev.headroom.compress.columns;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A space-aligned table as command-line tools print it ({@code kubectl get}, {@code docker ps}, {@code ps},
 * {@code df}): a header of upper-case column names separated by two or more spaces, and rows whose cells
 * start where the header's names start. Lines before the header are a preamble, lines after the last row
 * a trailer; both are kept verbatim.
 */
final class AlignedTable {
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Z][A-Z0-9_%/().-]*(?: [A-Z][A-Z0-9_%/().-]*)*");
    private static final int MAX_PREAMBLE = 3;

    final List<String> preamble;
    final List<String> columns;
    final List<List<String>> rows;
    final List<String> trailer;

    private AlignedTable(List<String> preamble, List<String> columns, List<List<String>> rows, List<String> trailer) {
        this.preamble = preamble;
        this.columns = columns;
        this.rows = rows;
        this.trailer = trailer;
    }

    /** The table in {@code text}, or null when the text is not one. */
    static AlignedTable parse(String text) {
        String[] lines = text.split("\n", -1);
        for (int h = 0; h < Math.min(lines.length, MAX_PREAMBLE + 1); h++) {
            int[] starts = headerStarts(lines[h]);
            if (starts == null) {
                continue;
            }
            AlignedTable table = rowsUnder(lines, h, starts);
            if (table != null) {
                return table;
            }
        }
        return null;
    }

    /** Column start positions of a header line, or null when the line is not a header. */
    private static int[] headerStarts(String line) {
        if (line.isBlank() || line.startsWith(" ")) {
            return null;
        }
        List<Integer> starts = new ArrayList<>();
        Matcher m = Pattern.compile("\\S+(?: \\S+)*").matcher(line);
        while (m.find()) {
            if (!HEADER_NAME.matcher(m.group()).matches()) {
                return null;
            }
            starts.add(m.start());
        }
        if (starts.size() < 3) {
            return null;
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static AlignedTable rowsUnder(String[] lines, int header, int[] starts) {
        List<String> columns = split(lines[header], starts);
        List<List<String>> rows = new ArrayList<>();
        int last = header;
        for (int i = header + 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || !aligned(line, starts)) {
                break; // the rest is kept verbatim as the trailer
            }
            rows.add(split(line, starts));
            last = i;
        }
        if (rows.size() < 3) {
            return null;
        }
        List<String> preamble = List.of(lines).subList(0, header);
        List<String> trailer = List.of(lines).subList(last + 1, lines.length);
        return new AlignedTable(List.copyOf(preamble), columns, rows, List.copyOf(trailer));
    }

    /** Every column after the first starts right after a space at the header's position. */
    private static boolean aligned(String line, int[] starts) {
        for (int c = 1; c < starts.length; c++) {
            int s = starts[c];
            if (s >= line.length()) {
                return c == starts.length - 1; // an empty last cell
            }
            if (line.charAt(s - 1) != ' ' || line.charAt(s) == ' ') {
                return false;
            }
        }
        return true;
    }

    private static List<String> split(String line, int[] starts) {
        List<String> cells = new ArrayList<>(starts.length);
        for (int c = 0; c < starts.length; c++) {
            int from = Math.min(starts[c], line.length());
            int to = c + 1 < starts.length ? Math.min(starts[c + 1], line.length()) : line.length();
            cells.add(line.substring(from, to).strip());
        }
        return cells;
    }
}
