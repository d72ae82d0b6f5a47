package dev.headroom.compress.table;

import dev.headroom.compress.query.QueryTerms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known about the rows of one collection (the items of a JSON array path, or the rows of a CSV
 * table): their field values by column, their error/warning signals and which query terms they match. Rows are
 * added in order; a collection may span several arrays (all {@code rules} arrays of all {@code groups}), each
 * one a contiguous range of rows. Call {@link #finish()} once after the last row.
 */
public final class RowSet {
    /** Columns beyond this many are ignored (keeps memory linear for map-like rows). */
    static final int MAX_COLUMNS = 96;

    private final QueryTerms terms;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final Map<String, Integer> signalCounts = new HashMap<>();
    private final List<RowFacts> rows = new ArrayList<>();
    private long[] termRows = new long[0];
    private long discriminativeTerms;
    private boolean finished;

    public RowSet(QueryTerms terms) {
        this.terms = terms;
    }

    /** Starts a new row and returns its index. */
    public int addRow() {
        rows.add(new RowFacts());
        return rows.size() - 1;
    }

    public int size() {
        return rows.size();
    }

    public QueryTerms terms() {
        return terms;
    }

    /**
     * Records one scalar value of the current row.
     *
     * @param column  the column name (a field path relative to the row)
     * @param text    the value's text, {@code null} for JSON null
     * @param numeric whether the text is a number
     */
    public void value(String column, String text, boolean numeric) {
        if (text == null) {
            return;
        }
        Column c = columns.get(column);
        if (c == null) {
            if (columns.size() >= MAX_COLUMNS) {
                return;
            }
            c = new Column();
            columns.put(column, c);
        }
        c.add(rows.size() - 1, text, numeric);
    }

    /**
     * Records an error or warning signal of the current row.
     *
     * @param key    identifies the kind of signal across rows (field path and value), used to notice signals
     *               that most rows share
     * @param level  {@link Severity#WARN} or {@link Severity#ERROR}
     * @param weight how strong the signal is among its level (state fields weigh more than severity labels)
     */
    public void signal(String key, int level, int weight) {
        if (level == Severity.NONE) {
            return;
        }
        RowFacts row = rows.get(rows.size() - 1);
        if (row.signals.contains(key)) {
            return;
        }
        row.signals.add(key);
        row.signalLevels.add(level * 100 + weight);
        signalCounts.merge(key, 1, Integer::sum);
    }

    /** Records the query terms that a text of the current row matches. */
    public void text(String text) {
        if (!terms.isEmpty()) {
            rows.get(rows.size() - 1).queryMask |= terms.matchMask(text);
        }
    }

    /** Computes the statistics that selection needs. Idempotent. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        int n = rows.size();
        for (RowFacts row : rows) {
            for (int i = 0; i < row.signals.size(); i++) {
                int packed = row.signalLevels.get(i);
                int level = packed / 100;
                int count = signalCounts.get(row.signals.get(i));
                if (n >= 8 && count * 2 > n) {
                    level--; // most rows share it: it describes the collection, not this row
                }
                int score = level * 100 + packed % 100;
                if (level > row.level || level == row.level && score > row.score) {
                    row.level = level;
                    row.score = score;
                }
            }
        }
        termRows = new long[QueryTerms.MAX_TERMS];
        for (int t = 0; t < terms.terms().size(); t++) {
            int count = 0;
            for (RowFacts row : rows) {
                if ((row.queryMask & (1L << t)) != 0) {
                    count++;
                }
            }
            termRows[t] = count;
            if (count > 0 && (n < 4 || count * 2 <= n)) {
                discriminativeTerms |= 1L << t;
            }
        }
        for (Column c : columns.values()) {
            c.finish(n);
        }
    }

    /** The row's level ({@link Severity}) after discounting signals shared by most rows. */
    public int level(int row) {
        return rows.get(row).level;
    }

    /** Orders rows of one level: state fields outrank severity labels. */
    public int levelScore(int row) {
        return rows.get(row).score;
    }

    /** How many distinct discriminative query terms the row matches. */
    public int queryScore(int row) {
        return Long.bitCount(rows.get(row).queryMask & discriminativeTerms);
    }

    Iterable<Column> columns() {
        return columns.values();
    }

    int numericColumns() {
        int count = 0;
        for (Column c : columns.values()) {
            if (c.numeric) {
                count++;
            }
        }
        return count;
    }

    private static final class RowFacts {
        final List<String> signals = new ArrayList<>(0);
        final List<Integer> signalLevels = new ArrayList<>(0);
        long queryMask;
        int level;
        int score;
    }

    /** The values of one column, stored sparsely in row order. */
    static final class Column {
        int[] rows = new int[8];
        String[] texts = new String[8];
        double[] numbers = new double[8];
        int size;
        int numericCount;
        boolean numeric;
        double median;
        double spread;
        double diffMedian;
        double diffSpread;
        int offMedian;
        Map<String, Integer> frequencies;
        int distinct;
        int transitions;

        void add(int row, String text, boolean isNumber) {
            if (size > 0 && rows[size - 1] == row) {
                return; // one value per row and column
            }
            if (size == rows.length) {
                int capacity = size * 2;
                rows = Arrays.copyOf(rows, capacity);
                texts = Arrays.copyOf(texts, capacity);
                numbers = Arrays.copyOf(numbers, capacity);
            }
            rows[size] = row;
            texts[size] = text;
            numbers[size] = isNumber ? parse(text) : Double.NaN;
            if (!Double.isNaN(numbers[size])) {
                numericCount++;
            }
            size++;
        }

        private static double parse(String text) {
            try {
                double v = Double.parseDouble(text);
                return Double.isFinite(v) ? v : Double.NaN;
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        void finish(int rowCount) {
            numeric = numericCount >= 5 && numericCount * 10 >= size * 9;
            if (numeric) {
                double[] values = new double[numericCount];
                double[] diffs = new double[Math.max(0, numericCount - 1)];
                int v = 0;
                int d = 0;
                double previous = Double.NaN;
                for (int i = 0; i < size; i++) {
                    double x = numbers[i];
                    if (Double.isNaN(x)) {
                        continue;
                    }
                    values[v++] = x;
                    if (!Double.isNaN(previous)) {
                        diffs[d++] = x - previous;
                    }
                    previous = x;
                }
                median = median(values, v);
                spread = deviation(values, v, median);
                diffMedian = median(diffs, d);
                diffSpread = deviation(diffs, d, diffMedian);
                for (int i = 0; i < v; i++) {
                    if (values[i] != median) {
                        offMedian++;
                    }
                }
                return;
            }
            frequencies = new HashMap<>();
            for (int i = 0; i < size; i++) {
                frequencies.merge(texts[i], 1, Integer::sum);
                if (frequencies.size() * 2 > rowCount + 2 || i == 255 && frequencies.size() > 200) {
                    frequencies = null; // near-unique values (ids, timestamps): no rare values to find
                    return;
                }
            }
            distinct = frequencies.size();
            for (int i = 1; i < size; i++) {
                if (!texts[i].equals(texts[i - 1])) {
                    transitions++;
                }
            }
        }

        /** The index of the first stored value whose row is at least {@code row}. */
        int firstAtOrAfter(int row) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (rows[mid] < row) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private static double median(double[] values, int count) {
            if (count == 0) {
                return 0;
            }
            double[] copy = Arrays.copyOf(values, count);
            Arrays.sort(copy);
            return count % 2 == 1 ? copy[count / 2] : (copy[count / 2 - 1] + copy[count / 2]) / 2;
        }

        private static double deviation(double[] values, int count, double center) {
            double[] abs = new double[count];
            for (int i = 0; i < count; i++) {
                abs[i] = Math.abs(values[i] - center);
            }
            return median(abs, count);
        }
    }
}
