package dev.headroom.compress.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link DigestPlan}: shown entries in their original order, a repeated entry as its first
 * occurrence prefixed with {@code [×N]} and its last with {@code [last of ×N]}, long traces condensed, other locations of a
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
        String header = plan.lines.get(entry.head());
        if (entry.origin() >= 0 && !plan.isBrief(i)) {
            line(plan.lines.get(entry.origin())); // the file whose include led to the diagnostic, in input order
        }
        if (plan.showsAsGroup(i)) {
            out.append("[×").append(TextLines.count(plan.groupOf(i).count())).append("] ");
        } else if (plan.showsAsLastOfGroup(i)) {
            out.append("[last of ×").append(TextLines.count(plan.groupOf(i).count())).append("] ");
        }
        line(header);
        if (plan.isBrief(i)) {
            return; // an outlier or the last of a group: its header line says what it has to say
        }
        List<String> body = new ArrayList<>();
        for (int j = entry.head() + 1; j < entry.end(); j++) {
            String line = plan.lines.get(j);
            if (!dialect.isBoilerplate(line) && (entry.severity() != Severity.WARN || dialect.isWarningDetail(line))) {
                body.add(line);
            }
        }
        for (String line : condense(entry.severity(), body)) {
            line(line);
        }
        if (plan.showsAsGroup(i)) {
            List<String> origins = plan.otherOrigins(i, MAX_LOCATIONS);
            if (!origins.isEmpty()) {
                out.append("    [also included from:]\n");
                origins.forEach(this::line);
            }
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

    private void line(String line) {
        String shown = TextLines.display(line);
        if (shown.equals(line) && !line.stripLeading().startsWith("[… ")) {
            verbatim++;
        }
        out.append(shown).append('\n');
    }
}
