package dev.headroom.compress.log;

import dev.headroom.compress.query.QueryTerms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which entries a digest shows: every distinct error, warnings up to a budget, summaries, the most
 * frequent repeated lines, lines matching the query, the first and last entries and a little context around
 * errors. A group of equal entries is shown once, at its first entry, with its count.
 */
public final class DigestPlan {
    /** Groups that are this frequent are "repetitive": their members are not shown again as context. */
    private static final int REPETITIVE = 3;

    final List<String> lines;
    final List<Entry> entries;
    final List<EntryGroup> groups;
    final int[] groupOf;
    /** Entries shown, in order. */
    final boolean[] shown;
    /** Groups shown at their first entry with a count. */
    final boolean[] groupShown;
    /** Warning groups over the budget: how many groups and lines. */
    int hiddenWarnGroups;
    int hiddenWarnLines;

    private DigestPlan(List<String> lines, List<Entry> entries) {
        this.lines = lines;
        this.entries = entries;
        this.groupOf = new int[entries.size()];
        this.groups = EntryGroup.group(entries, groupOf);
        this.shown = new boolean[entries.size()];
        this.groupShown = new boolean[groups.size()];
    }

    /** Plans the digest of {@code lines}. */
    public static DigestPlan of(List<String> lines, List<Entry> entries, DigestBudget budget, QueryTerms query) {
        DigestPlan plan = new DigestPlan(lines, entries);
        plan.select(budget, query);
        return plan;
    }

    private void select(DigestBudget budget, QueryTerms query) {
        int warnShown = 0;
        List<EntryGroup> repeated = new ArrayList<>();
        for (EntryGroup g : groups) {
            switch (g.severity()) {
                case FATAL, ERROR, SUMMARY -> showGroup(g);
                case WARN -> {
                    if (warnShown < budget.warnGroups()) {
                        warnShown++;
                        showGroup(g);
                    } else {
                        hiddenWarnGroups++;
                        hiddenWarnLines += g.lines();
                    }
                }
                case INFO -> {
                    if (g.count() >= budget.minRepeat()) {
                        repeated.add(g);
                    }
                }
                default -> { }
            }
        }
        showRare(budget);
        repeated.sort(Comparator.comparingInt(EntryGroup::lines).reversed().thenComparingInt(EntryGroup::first));
        repeated.stream().limit(budget.repeatGroups()).forEach(this::showGroup);

        int n = entries.size();
        if (n == 0) {
            return;
        }
        for (int i = 0; i < Math.min(n, Math.max(1, budget.headEntries())); i++) {
            showIfTelling(i);
        }
        for (int i = Math.max(0, n - Math.max(1, budget.tailEntries())); i < n; i++) {
            showIfTelling(i);
        }
        for (EntryGroup g : groups) {
            if (g.severity().isProblem()) {
                for (int i = Math.max(0, g.first() - budget.context()); i <= Math.min(n - 1, g.first() + budget.context()); i++) {
                    showIfTelling(i);
                }
            }
        }
        showQueryMatches(budget, query);
    }

    /** One-of-a-kind ordinary entries stand out when they are few (a restart among thousands of requests). */
    private void showRare(DigestBudget budget) {
        List<EntryGroup> rare = groups.stream()
                .filter(g -> g.count() == 1 && g.severity() == Severity.INFO).toList();
        if (rare.size() <= budget.rareEntries()) {
            rare.forEach(this::showGroup);
        }
    }

    private void showGroup(EntryGroup g) {
        groupShown[g.id()] = true;
        shown[g.first()] = true;
    }

    /** Shows an entry unless it is noise or a repetition that its group already stands for. */
    private void showIfTelling(int i) {
        EntryGroup g = groups.get(groupOf[i]);
        if (entries.get(i).severity() != Severity.NOISE && (g.count() < REPETITIVE || !groupShown[g.id()])) {
            shown[i] = true;
        }
    }

    private void showQueryMatches(DigestBudget budget, QueryTerms query) {
        if (query.isEmpty()) {
            return;
        }
        int added = 0;
        for (int i = 0; i < entries.size() && added < budget.queryEntries(); i++) {
            if (shown[i] || !matches(entries.get(i), query)) {
                continue;
            }
            EntryGroup g = groups.get(groupOf[i]);
            if (groupShown[g.id()] && matches(entries.get(g.first()), query)) {
                continue;
            }
            shown[i] = true;
            added++;
        }
    }

    private boolean matches(Entry entry, QueryTerms query) {
        for (int i = entry.start(); i < entry.end(); i++) {
            if (query.matches(lines.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** The group of entry {@code i}. */
    EntryGroup groupOf(int i) {
        return groups.get(groupOf[i]);
    }

    /** Whether entry {@code i} is the first of a shown group with more than one entry. */
    boolean showsAsGroup(int i) {
        EntryGroup g = groupOf(i);
        return groupShown[g.id()] && g.first() == i && g.count() > 1;
    }

    /** Whether entry {@code i} is represented by a shown group even when not shown itself. */
    boolean accounted(int i) {
        return groupShown[groupOf[i]];
    }
}
