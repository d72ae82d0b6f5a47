package dev.headroom.compress.log;

import java.util.ArrayList;
import java.util.List;

/** Cuts lines into entries with a {@link Dialect}. Stateless. */
public final class EntrySegmenter {
    /** An entry never grows beyond this many lines, so one runaway pattern cannot swallow the output. */
    static final int MAX_ENTRY_LINES = 400;
    /** A preamble longer than this is not one. */
    private static final int MAX_PREAMBLE_LINES = 40;

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
            Entry led = ledEntry(lines, severities, dialect, start);
            if (led != null) {
                entries.add(led);
                start = led.end();
                continue;
            }
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

    /**
     * The entry starting at {@code start} when a preamble leads into a warning or error there; null otherwise.
     * The diagnostic is the entry's header, its continuation rules apply from there.
     */
    private static Entry ledEntry(List<String> lines, Severity[] severities, Dialect dialect, int start) {
        int n = lines.size();
        int head = start;
        while (head < n && head - start < MAX_PREAMBLE_LINES && dialect.leadsInto(lines.get(head))) {
            head++;
        }
        if (head == start || head >= n || !(severities[head] == Severity.WARN || severities[head].isProblem())) {
            return null;
        }
        int end = head + 1;
        while (end < n && end - start < MAX_ENTRY_LINES && dialect.continues(lines, severities, head, end)) {
            end++;
        }
        Severity severity = severities[head];
        String location = dialect.location(lines, head, end);
        return new Entry(start, end, severity, dialect.key(lines, head, end, severity, location), location, head,
                dialect.origin(lines, start, head));
    }
}
