package dev.headroom.compress.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the entries of one repeated template whose measured values stand out: for each numeric slot of the
 * header line (the n-th number with an optional unit, such as {@code took=132.986µs} or {@code 512ms}), values
 * whose modified z-score against the slot's median and median absolute deviation (the mean absolute deviation when
 * most values are equal) exceeds {@value #THRESHOLD}. Robust statistics, so one huge value cannot hide the others. Timestamps, dates, ids and
 * versions are not measurements and are skipped.
 */
final class NumericOutliers {
    /** The Iglewicz–Hoaglin cut-off for the modified z-score. */
    static final double THRESHOLD = 3.5;
    /** Slots need this many values for a median to mean something. */
    static final int MIN_VALUES = 8;
    private static final int MAX_SLOTS = 12;
    private static final int SCAN_CHARS = 1_000;

    private NumericOutliers() {
    }

    /** An outlying entry: its index and its modified z-score. */
    record Outlier(int index, double score) {
    }

    /**
     * The outlying entries of {@code headers}, most extreme first, at most {@code limit}.
     */
    static List<Outlier> find(List<String> headers, int limit) {
        int n = headers.size();
        if (n < MIN_VALUES || limit <= 0) {
            return List.of();
        }
        double[][] values = new double[MAX_SLOTS][n];
        for (double[] slot : values) {
            Arrays.fill(slot, Double.NaN);
        }
        for (int i = 0; i < n; i++) {
            measure(headers.get(i), values, i);
        }
        double[] score = new double[n];
        for (double[] slot : values) {
            scoreSlot(slot, score);
        }
        List<Outlier> outliers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (score[i] > THRESHOLD) {
                outliers.add(new Outlier(i, score[i]));
            }
        }
        outliers.sort((a, b) -> Double.compare(b.score(), a.score()) != 0 ? Double.compare(b.score(), a.score())
                : Integer.compare(a.index(), b.index()));
        return outliers.size() > limit ? List.copyOf(outliers.subList(0, limit)) : outliers;
    }

    private static void scoreSlot(double[] slot, double[] score) {
        double[] present = Arrays.stream(slot).filter(v -> !Double.isNaN(v)).toArray();
        if (present.length < MIN_VALUES) {
            return;
        }
        double median = median(present);
        double[] deviations = new double[present.length];
        for (int i = 0; i < present.length; i++) {
            deviations[i] = Math.abs(present[i] - median);
        }
        double mad = median(deviations);
        // Most values equal (retries=0): the mean absolute deviation stands in, as Iglewicz and Hoaglin suggest.
        double scale = mad > 0 ? mad / 0.6745 : 1.253314 * mean(deviations);
        if (scale == 0) {
            return;
        }
        for (int i = 0; i < slot.length; i++) {
            if (!Double.isNaN(slot[i])) {
                score[i] = Math.max(score[i], Math.abs(slot[i] - median) / scale);
            }
        }
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /**
     * The measurements of a line, in order: numbers (optionally signed, with a decimal part and a unit of up
     * to three letters) that stand alone or after {@code =} or {@code :}; a word with other digits in it
     * (a timestamp, an id, an IP, a version) is not a measurement. Known time and size units are normalised.
     */
    static double[] measurements(String line) {
        double[][] values = new double[MAX_SLOTS][1];
        int count = measure(line, values, 0);
        double[] out = new double[count];
        for (int s = 0; s < count; s++) {
            out[s] = values[s][0];
        }
        return out;
    }

    /** Writes the measurements of {@code line} into {@code values[slot][row]}; returns how many there were. */
    private static int measure(String line, double[][] values, int row) {
        int count = 0;
        int n = Math.min(line.length(), SCAN_CHARS);
        int i = 0;
        while (i < n && count < MAX_SLOTS) {
            char c = line.charAt(i);
            if (isBoundaryAt(line, i)) {
                i++;
                continue;
            }
            boolean negative = c == '-' && i + 1 < n && isDigit(line.charAt(i + 1));
            if (!(isDigit(c) || negative) || (i > 0 && !isBoundaryAt(line, i - 1))) {
                i = skipWord(line, i, n);
                continue;
            }
            int j = negative ? i + 1 : i;
            long mantissa = 0;
            int digits = 0;
            int fraction = 0;
            while (j < n && isDigit(line.charAt(j))) {
                mantissa = mantissa * 10 + (line.charAt(j++) - '0');
                digits++;
            }
            if (j + 1 < n && line.charAt(j) == '.' && isDigit(line.charAt(j + 1))) {
                j++;
                while (j < n && isDigit(line.charAt(j))) {
                    mantissa = mantissa * 10 + (line.charAt(j++) - '0');
                    digits++;
                    fraction++;
                }
            }
            int unitStart = j;
            while (j < n && (Character.isLetter(line.charAt(j)) || line.charAt(j) == '%') && j - unitStart < 4) {
                j++;
            }
            if (j < n && !isBoundaryAt(line, j) || j - unitStart > 3) {
                i = skipWord(line, j, n);
                continue;
            }
            double factor = unitStart == j ? 1 : unitFactor(line, unitStart, j);
            if (!Double.isNaN(factor)) {
                double value = digits > 17 ? Double.parseDouble(line.substring(negative ? i + 1 : i, unitStart))
                        : mantissa / POWERS_OF_TEN[Math.min(fraction, POWERS_OF_TEN.length - 1)];
                values[count++][row] = (negative ? -value : value) * factor;
            }
            i = j;
        }
        return count;
    }

    private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18};

    /** ASCII characters that separate words: whitespace and {@code = , ; ( ) [ ] { } " ' < > |}. */
    private static final boolean[] SEPARATOR = new boolean[128];

    static {
        for (char c : " \t\n\r\f\u000B=,;()[]{}\"'<>|".toCharArray()) {
            SEPARATOR[c] = true;
        }
    }

    /**
     * Whether the character at {@code at} separates words. A colon between digits ({@code 10:37:30}) belongs to
     * a time, and a dot between digits to an IP or version, so neither separates.
     */
    private static boolean isBoundaryAt(String line, int at) {
        char c = line.charAt(at);
        if (c < 128) {
            if (c != ':') {
                return SEPARATOR[c];
            }
            boolean digitBefore = at > 0 && isDigit(line.charAt(at - 1));
            boolean digitAfter = at + 1 < line.length() && isDigit(line.charAt(at + 1));
            return !(digitBefore && digitAfter);
        }
        return Character.isWhitespace(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int skipWord(String line, int i, int n) {
        int j = i + 1;
        while (j < n && !isBoundaryAt(line, j)) {
            j++;
        }
        return j;
    }

    /** Factor to a common base for known units, 1 for none or unknown; NaN for words that are not units. */
    /** Known units and what they are multiplied by (times in µs, sizes in bytes); any other unit counts as 1. */
    private static final String[] UNITS = {"%", "ns", "us", "µs", "μs", "ms", "s", "m", "min", "h", "b", "B",
        "kb", "KB", "kB", "KiB", "K", "k", "mb", "MB", "MiB", "M", "gb", "GB", "GiB", "G"};
    private static final double[] FACTORS = {1, 1e-3, 1, 1, 1, 1e3, 1e6, 6e7, 6e7, 3.6e9, 1, 1,
        1e3, 1e3, 1e3, 1e3, 1e3, 1e3, 1e6, 1e6, 1e6, 1e6, 1e9, 1e9, 1e9, 1e9};

    /** The factor of the unit {@code line[start, end)}, read in place (no substring per number). */
    private static double unitFactor(String line, int start, int end) {
        int length = end - start;
        for (int k = 0; k < UNITS.length; k++) {
            if (UNITS[k].length() == length && line.startsWith(UNITS[k], start)) {
                return FACTORS[k];
            }
        }
        return length <= 3 ? 1 : Double.NaN;
    }
}
