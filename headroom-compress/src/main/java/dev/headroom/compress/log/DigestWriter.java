package dev.headroom.compress.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link DigestPlan}: shown entries in their original order, a repeated entry as its first
 * occurrence prefixed with {@code [×N, last <timestamp>]}, long traces condensed, other locations of a
 * repeated diagnostic listed compactly. Every shown line is an exact input line or a clearly marked note.
 */
public final class DigestWriter {
    private static final int MAX_LOCATIONS = 40;

    private final DigestPlan plan;
    private final Dialect dialect;
    private final DigestBudget budget;
    private final StringBuilder out = new StringBuilder();
    private int verbatim;

    private DigestWriter(DigestPlan plan, Dialect dialect, DigestBudget budget) {
        this.plan = plan;
        this.dialect = dialect;
        this.budget = budget;
    }

    /** The digest text and how many input lines it shows verbatim. */
    public record Rendering(String text, int verbatimLines) {
    }

    public static Rendering render(DigestPlan plan, Dialect dialect, DigestBudget budget) {
        DigestWriter writer = new DigestWriter(plan, dialect, budget);
        writer.write();
        return new Rendering(writer.out.toString(), writer.verbatim);
    }

    private void write() {
        int gap = 0;
        for (int i = 0; i < plan.entries.size(); i++) {
            Entry entry = plan.entries.get(i);
            if (!plan.shown[i]) {
                if (!plan.accounted(i)) {
                    gap += entry.size();
                }
                continue;
            }
            if (gap > 0 && budget.gapNotes()) {
                out.append("[… ").append(TextLines.count(gap)).append(" lines]\n");
            }
            gap = 0;
            writeEntry(i, entry);
        }
        if (gap > 0 && budget.gapNotes()) {
            out.append("[… ").append(TextLines.count(gap)).append(" lines]\n");
        }
        if (plan.hiddenWarnGroups > 0) {
            out.append("[… ").append(TextLines.count(plan.hiddenWarnGroups)).append(" more distinct warnings, ")
                    .append(TextLines.count(plan.hiddenWarnLines)).append(" lines]\n");
        }
    }

    private void writeEntry(int i, Entry entry) {
        String header = plan.lines.get(entry.start());
        if (plan.showsAsGroup(i)) {
            out.append(groupPrefix(plan.groupOf(i), header));
        }
        line(header);
        List<String> body = new ArrayList<>();
        for (int j = entry.start() + 1; j < entry.end(); j++) {
            String line = plan.lines.get(j);
            if (!dialect.isBoilerplate(line) && (entry.severity() != Severity.WARN || dialect.isWarningDetail(line))) {
                body.add(line);
            }
        }
        for (String line : condense(entry.severity(), body)) {
            line(line);
        }
        if (plan.showsAsGroup(i)) {
            List<String> others = new ArrayList<>(plan.groupOf(i).locations());
            others.remove(entry.location());
            if (!others.isEmpty()) {
                out.append("    [also at: ").append(Locations.compact(others, MAX_LOCATIONS)).append("]\n");
            }
        }
    }

    private List<String> condense(Severity severity, List<String> body) {
        if (body.isEmpty()) {
            return body;
        }
        return switch (severity) {
            case FATAL, ERROR -> StackTraces.condense(body, budget.maxFrames(), budget.problemLines());
            case WARN -> StackTraces.condense(body, Math.min(3, budget.maxFrames()), budget.warnLines());
            default -> StackTraces.condense(body, 2, budget.otherLines());
        };
    }

    private String groupPrefix(EntryGroup group, String header) {
        StringBuilder prefix = new StringBuilder("[×").append(TextLines.count(group.count()));
        String last = Timestamps.find(plan.lines.get(plan.entries.get(group.last()).start()));
        if (!last.isEmpty() && !last.equals(Timestamps.find(header))) {
            prefix.append(", last ").append(last);
        }
        return prefix.append("] ").toString();
    }

    private void line(String line) {
        String shown = TextLines.display(line);
        if (shown.equals(line) && !line.stripLeading().startsWith("[… ")) {
            verbatim++;
        }
        out.append(shown).append('\n');
    }
}
