package dev.headroom.compress.log;

import java.util.ArrayList;
import java.util.List;

/** Cuts lines into entries with a {@link Dialect}. Stateless. */
public final class EntrySegmenter {
    /** An entry never grows beyond this many lines, so one runaway pattern cannot swallow the output. */
    static final int MAX_ENTRY_LINES = 400;

    private EntrySegmenter() {
    }

    /** The entries of {@code lines}, in order, covering every line exactly once. */
    public static List<Entry> segment(List<String> lines, Dialect dialect) {
        int n = lines.size();
        Severity[] severities = new Severity[n];
        for (int i = 0; i < n; i++) {
            severities[i] = dialect.classify(lines.get(i));
        }
        List<Entry> entries = new ArrayList<>();
        int start = 0;
        while (start < n) {
            int end = start + 1;
            Severity severity = severities[start];
            while (end < n && end - start < MAX_ENTRY_LINES && dialect.continues(lines, severities, start, end)) {
                if (severity == Severity.INFO && StackTraces.isTraceLine(lines.get(end))) {
                    severity = Severity.ERROR;
                }
                end++;
            }
            String location = severity == Severity.WARN || severity.isProblem() ? dialect.location(lines, start, end) : "";
            entries.add(new Entry(start, end, severity, dialect.key(lines, start, end, severity, location), location));
            start = end;
        }
        return entries;
    }
}
