package dev.headroom.compress.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the representative rows of one array (a contiguous range of a {@link RowSet}): every error row and
 * every row matching the query (each up to a cap), the first and last rows, then warnings, numeric outliers,
 * extremes and jumps, rare values and changes of a categorical field, until the budget is reached.
 * Deterministic: ties are broken by row index.
 */
public final class RowSelector {
    /**
     * A level shared by more than one row in this many (and more than {@link #MIN_COMMON_LEVEL} rows) is common: its
     * rows rank after the numeric outliers instead of before everything.
     */
    private static final int COMMON_LEVEL_SHARE = 5;
    private static final int MIN_COMMON_LEVEL = 60;
    private static final int CLASS_ERROR = 0;
    private static final int CLASS_QUERY = 1;
    private static final int CLASS_EDGE = 2;
    private static final int CLASS_WARN = 3;
    private static final int CLASS_NUMERIC = 4;
    /** Errors or warnings that most rows share: still kept, but after the outliers. */
    private static final int CLASS_COMMON_LEVEL = 5;
    private static final int CLASS_CATEGORY = 6;
    private static final int CLASS_FILL = 7;
    private static final double OUTLIER_Z = 3.5;
    private static final double JUMP_Z = 5.0;
    private static final int PER_COLUMN = 3;

    private RowSelector() {
    }

    /**
     * The rows to keep of {@code [from, to)}, ascending.
     *
     * @param set    the collection, finished
     * @param from   first row of the array
     * @param to     one past its last row
     * @param budget how many rows to aim for
     */
    public static int[] select(RowSet set, int from, int to, Budget budget) {
        return select(set, from, to, budget, new BitSet(), new BitSet());
    }

    /**
     * The rows to keep of {@code [from, to)}, ascending.
     *
     * @param interesting rows known to be notable from outside (for example, their nested arrays hold
     *                    outliers); they rank with the numeric outliers
     * @param notable     receives the kept rows that were chosen for what they contain (errors, query
     *                    matches, warnings, outliers, rare values), as opposed to position or spacing
     */
    public static int[] select(RowSet set, int from, int to, Budget budget, BitSet interesting, BitSet notable) {
        return select(prepare(set, from, to), budget, interesting, notable);
    }

    /**
     * Finds the rows of {@code [from, to)} that stand out by content — the part of selection that does not
     * depend on the budget, so that several budgets can be tried cheaply.
     */
    public static Candidates prepare(RowSet set, int from, int to) {
        List<Candidate> candidates = new ArrayList<>();
        int errorRows = 0;
        int warnRows = 0;
        for (int row = from; row < to; row++) {
            errorRows += set.level(row) == Severity.ERROR ? 1 : 0;
            warnRows += set.level(row) == Severity.WARN ? 1 : 0;
        }
        // A level many rows share (an error count above zero in every other minute) singles little out: such rows
        // are kept after the numeric outliers, which find the rows that stand out (the spike).
        boolean errorsStandOut = errorRows <= Math.max(MIN_COMMON_LEVEL, (to - from) / COMMON_LEVEL_SHARE);
        boolean warningsStandOut = warnRows <= Math.max(MIN_COMMON_LEVEL, (to - from) / COMMON_LEVEL_SHARE);
        for (int row = from; row < to; row++) {
            int level = set.level(row);
            if (level == Severity.ERROR) {
                candidates.add(new Candidate(row, errorsStandOut ? CLASS_ERROR : CLASS_COMMON_LEVEL, set.levelScore(row)));
            } else if (level == Severity.WARN) {
                candidates.add(new Candidate(row, warningsStandOut ? CLASS_WARN : CLASS_COMMON_LEVEL, set.levelScore(row)));
            }
            int query = set.queryScore(row);
            if (query > 0) {
                candidates.add(new Candidate(row, CLASS_QUERY, query));
            }
        }
        if (to - from > 3) {
            boolean seriesLike = set.numericColumns() <= 3;
            for (RowSet.Column column : set.columns()) {
                if (column.numeric) {
                    numeric(column, from, to, seriesLike, candidates);
                } else if (column.frequencies != null) {
                    categorical(column, set.size(), from, to, candidates);
                }
            }
        }
        return new Candidates(from, to, candidates);
    }

    /** The rows to keep, given the prepared candidates of one array. */
    public static int[] select(Candidates prepared, Budget budget, BitSet interesting, BitSet notable) {
        int from = prepared.from;
        int to = prepared.to;
        int n = to - from;
        if (n <= budget.rows()) {
            for (Candidate c : prepared.content) {
                notable.set(c.row);
            }
            for (int row = interesting.nextSetBit(from); row >= 0 && row < to; row = interesting.nextSetBit(row + 1)) {
                notable.set(row);
            }
            return range(from, to);
        }
        List<Candidate> candidates = new ArrayList<>(prepared.content);
        for (int i = 0; i < Math.min(budget.first(), n); i++) {
            candidates.add(new Candidate(from + i, CLASS_EDGE, 2 - i));
        }
        candidates.add(new Candidate(to - 1, CLASS_EDGE, 1));
        for (int row = interesting.nextSetBit(from); row >= 0 && row < to; row = interesting.nextSetBit(row + 1)) {
            candidates.add(new Candidate(row, CLASS_NUMERIC, 3.0));
        }
        for (int i = 1; i < budget.rows(); i++) {
            candidates.add(new Candidate(from + (int) ((long) i * n / budget.rows()), CLASS_FILL, 0));
        }
        candidates.sort(ORDER);
        BitSet kept = new BitSet();
        int count = 0;
        int errors = 0;
        int queries = 0;
        for (Candidate c : candidates) {
            if (kept.get(c.row - from)) {
                continue;
            }
            boolean take;
            if (c.cls == CLASS_ERROR) {
                take = errors++ < budget.cap();
            } else if (c.cls == CLASS_QUERY) {
                take = queries++ < budget.cap();
            } else {
                take = c.cls == CLASS_EDGE || count < budget.rows();
            }
            if (take) {
                kept.set(c.row - from);
                count++;
                if (c.cls != CLASS_EDGE && c.cls != CLASS_FILL) {
                    notable.set(c.row);
                }
            }
        }
        return kept.stream().map(i -> i + from).toArray();
    }

    private static void numeric(RowSet.Column column, int from, int to, boolean seriesLike, List<Candidate> out) {
        int start = column.firstAtOrAfter(from);
        List<Candidate> local = new ArrayList<>();
        int minAt = -1;
        int maxAt = -1;
        double previous = Double.NaN;
        int previousRow = -1;
        boolean rareDeviants = column.offMedian <= Math.max(2, column.numericCount / 20);
        for (int i = start; i < column.size && column.rows[i] < to; i++) {
            double x = column.numbers[i];
            if (Double.isNaN(x)) {
                continue;
            }
            int row = column.rows[i];
            double z = robustZ(x, column.median, column.spread, rareDeviants);
            if (z > OUTLIER_Z) {
                local.add(new Candidate(row, CLASS_NUMERIC, z));
            }
            if (!Double.isNaN(previous)) {
                double jump = robustZ(x - previous, column.diffMedian, column.diffSpread, false);
                if (jump > JUMP_Z) {
                    local.add(new Candidate(row, CLASS_NUMERIC, jump / 2));
                    local.add(new Candidate(previousRow, CLASS_NUMERIC, jump / 2));
                }
            }
            previous = x;
            previousRow = row;
            if (minAt < 0 || x < column.numbers[minAt]) {
                minAt = i;
            }
            if (maxAt < 0 || x > column.numbers[maxAt]) {
                maxAt = i;
            }
        }
        local.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::row));
        out.addAll(local.subList(0, Math.min(PER_COLUMN * 2, local.size())));
        if (seriesLike && minAt >= 0 && column.numbers[minAt] != column.numbers[maxAt]) {
            out.add(new Candidate(column.rows[maxAt], CLASS_NUMERIC, 1.2));
            out.add(new Candidate(column.rows[minAt], CLASS_NUMERIC, 1.1));
        }
    }

    private static double robustZ(double x, double center, double spread, boolean deviantsAreRare) {
        if (spread > 0) {
            return 0.6745 * Math.abs(x - center) / spread;
        }
        return x != center && deviantsAreRare ? OUTLIER_Z + 1 : 0;
    }

    private static void categorical(RowSet.Column column, int rowCount, int from, int to, List<Candidate> out) {
        if (column.distinct < 2 || column.distinct * 2 > rowCount + 2) {
            return;
        }
        int rareLimit = Math.max(1, rowCount / 50);
        boolean fewChanges = column.transitions <= Math.max(2, rowCount / 50);
        int start = column.firstAtOrAfter(from);
        int rare = 0;
        for (int i = start; i < column.size && column.rows[i] < to; i++) {
            int frequency = column.frequencies.get(column.texts[i]);
            if (frequency <= rareLimit && rare++ < PER_COLUMN * 2) {
                out.add(new Candidate(column.rows[i], CLASS_CATEGORY, 1.0 / frequency));
            }
            if (fewChanges && i > start && !column.texts[i].equals(column.texts[i - 1])) {
                out.add(new Candidate(column.rows[i - 1], CLASS_CATEGORY, 0.4));
                out.add(new Candidate(column.rows[i], CLASS_CATEGORY, 0.5));
            }
        }
    }

    private static int[] range(int from, int to) {
        int[] all = new int[to - from];
        Arrays.setAll(all, i -> from + i);
        return all;
    }

    private static final Comparator<Candidate> ORDER = Comparator.comparingInt(Candidate::cls)
            .thenComparing(Comparator.comparingDouble(Candidate::score).reversed())
            .thenComparingInt(Candidate::row);

    private record Candidate(int row, int cls, double score) {
    }

    /** The content candidates of one array, prepared by {@link #prepare}. */
    public static final class Candidates {
        private final int from;
        private final int to;
        private final List<Candidate> content;

        private Candidates(int from, int to, List<Candidate> content) {
            this.from = from;
            this.to = to;
            this.content = content;
        }
    }

    /**
     * How many rows to aim for in one array.
     *
     * @param rows  rows kept at most when filling with outliers, rare values and warnings; an array with no
     *              more rows than this is kept whole
     * @param cap   error rows (and, separately, query-matching rows) kept at most
     * @param first leading rows always kept
     */
    public record Budget(int rows, int cap, int first) {
        public Budget {
            if (rows < 1 || cap < 1 || first < 1) {
                throw new IllegalArgumentException("budget values must be positive");
            }
        }
    }
}
