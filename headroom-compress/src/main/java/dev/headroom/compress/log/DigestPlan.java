package dev.headroom.compress.log;

import dev.headroom.compress.query.QueryTerms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which entries a digest shows: every distinct error, warnings up to a budget, summaries, the most
 * frequent repeated lines, rare lines (and what came just before and after them), lines that announce a change,
 * lines sharing a rare token with an error, entries whose numbers are outliers within their template, lines
 * matching the query, the first and last entries and a little context around errors. A group of equal entries
 * is shown at its first entry with its count, and at its last.
 */
public final class DigestPlan {
    /** Groups that are this frequent are "repetitive": their members are not shown again as context. */
    private static final int REPETITIVE = 3;
    /** Templates seen at most this often are rare. */
    private static final int RARE = 2;
    /** Outliers are looked for among the first this many entries of a template. */
    private static final int MAX_OUTLIER_SCAN = 20_000;
    /** Entries shown for their outlying numbers, in all templates together. */
    private static final int MAX_OUTLIERS = 30;

    final List<String> lines;
    final List<Entry> entries;
    final List<EntryGroup> groups;
    final int[] groupOf;
    /** Entries shown, in order. */
    final boolean[] shown;
    /** Groups shown at their first entry with a count. */
    final boolean[] groupShown;
    /** Shown entries that only need their header line (an outlier, the last of a group). */
    final boolean[] brief;
    /** Origin lines per group, gathered on first use. */
    private List<java.util.Set<String>> originsByGroup;
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
        this.brief = new boolean[entries.size()];
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
        List<EntryGroup> rare = showRare(budget);
        repeated.sort(Comparator.comparingInt(EntryGroup::lines).reversed().thenComparingInt(EntryGroup::first));
        repeated.stream().limit(budget.repeatGroups()).forEach(this::showGroup);
        List<Integer> anchors = new ArrayList<>();
        rare.forEach(g -> anchors.add(g.first()));
        anchors.addAll(showChanges(budget));
        showProblemRelated(budget);

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
        // What came just before and after a one-off line in a stream of repeats (a restart) is where it happened.
        for (int anchor : anchors) {
            showNeighbour(anchor - 1);
            showNeighbour(anchor + 1);
        }
        showQueryMatches(budget, query);
        // Last, and as a header line only where nothing above asked for the whole entry:
        showOutliers(budget);
        if (budget.lastOfGroups()) {
            showLastOfGroups();
        }
    }

    /**
     * Ordinary entries whose template is rare (seen once or a few times) stand out when they are few among
     * many repeats (a restart among thousands of requests): they are shown, once-only templates first. Returns
     * the once-only groups among them (whose neighbours are shown too).
     */
    private List<EntryGroup> showRare(DigestBudget budget) {
        List<EntryGroup> rare = new ArrayList<>(groups.stream()
                .filter(g -> g.count() <= RARE && g.severity() == Severity.INFO && !isNoise(g)).toList());
        if (rare.size() > budget.rareEntries() && rare.size() * 4 > groups.size() * 3) {
            return List.of(); // mostly one-off lines: nothing stands out by rarity alone
        }
        rare.sort(Comparator.comparingInt(EntryGroup::count).thenComparingInt(EntryGroup::first));
        List<EntryGroup> shownRare = rare.size() > budget.rareEntries() ? rare.subList(0, budget.rareEntries()) : rare;
        shownRare.forEach(this::showGroup);
        return shownRare.stream().filter(g -> g.count() == 1).toList();
    }

    private boolean isNoise(EntryGroup g) {
        return entries.get(g.first()).severity() == Severity.NOISE || lines.get(entries.get(g.first()).head()).isBlank();
    }

    /** Entries of uncommon templates that announce a change (config applied, restart, deploy, scaling). */
    private List<Integer> showChanges(DigestBudget budget) {
        List<Integer> shownChanges = new ArrayList<>();
        for (EntryGroup g : groups) {
            if (shownChanges.size() >= budget.changeEntries()) {
                break;
            }
            if (g.count() <= REPETITIVE && g.severity() == Severity.INFO
                    && ChangeLines.announcesChange(lines.get(entries.get(g.first()).head()))) {
                showGroup(g);
                shownChanges.add(g.first());
            }
        }
        return shownChanges;
    }

    /**
     * Ordinary entries of uncommon templates that share a rare token (a key, an id, a revision) with a shown
     * error or warning. Tokens are counted over the lines of uncommon templates and once per frequent template
     * (weighted by its count), so that the count costs no more than the rare lines themselves.
     */
    private void showProblemRelated(DigestBudget budget) {
        List<String> problemLines = new ArrayList<>();
        for (EntryGroup g : groups) {
            if (groupShown[g.id()] && (g.severity().isProblem() || g.severity() == Severity.WARN)) {
                Entry e = entries.get(g.first());
                for (int i = e.head(); i < Math.min(e.end(), e.head() + 5); i++) {
                    problemLines.add(lines.get(i));
                }
            }
        }
        if (problemLines.isEmpty()) {
            return;
        }
        List<String> counted = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (EntryGroup g : groups) {
            if (g.count() > REPETITIVE) {
                counted.add(lines.get(entries.get(g.first()).head()));
                weights.add(g.count());
            }
        }
        List<Integer> uncommon = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (groups.get(groupOf[i]).count() <= REPETITIVE) {
                uncommon.add(i);
                counted.add(lines.get(entries.get(i).head()));
                weights.add(1);
            }
        }
        RareTokens rare = RareTokens.of(counted, weights, problemLines);
        int added = 0;
        for (int i : uncommon) {
            Entry e = entries.get(i);
            if (added >= budget.relatedEntries() || rare.isEmpty()) {
                break;
            }
            if (!shown[i] && e.severity() == Severity.INFO && rare.sharedBy(lines.get(e.head()))) {
                shown[i] = true;
                added++;
            }
        }
    }

    /**
     * In each frequent template, the entries whose numbers (durations, sizes, counts) are outliers: at most
     * {@code outliersPerGroup} per template and {@value #MAX_OUTLIERS} in all, the most extreme first, each shown
     * as its header line.
     */
    private void showOutliers(DigestBudget budget) {
        int[][] members = new int[groups.size()][];
        int[] filled = new int[groups.size()];
        for (EntryGroup g : groups) {
            if (g.count() >= NumericOutliers.MIN_VALUES && g.severity() != Severity.NOISE) {
                members[g.id()] = new int[Math.min(g.count(), MAX_OUTLIER_SCAN)];
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            int g = groupOf[i];
            if (members[g] != null && filled[g] < members[g].length) {
                members[g][filled[g]++] = i;
            }
        }
        List<NumericOutliers.Outlier> all = new ArrayList<>();
        for (EntryGroup g : groups) {
            int[] own = members[g.id()];
            if (own == null) {
                continue;
            }
            List<String> headers = new ArrayList<>(own.length);
            for (int i : own) {
                headers.add(lines.get(entries.get(i).head()));
            }
            for (NumericOutliers.Outlier o : NumericOutliers.find(headers, budget.outliersPerGroup())) {
                all.add(new NumericOutliers.Outlier(own[o.index()], o.score()));
            }
        }
        all.sort(Comparator.comparingDouble((NumericOutliers.Outlier o) -> -o.score()).thenComparingInt(NumericOutliers.Outlier::index));
        for (NumericOutliers.Outlier o : all.subList(0, Math.min(MAX_OUTLIERS, all.size()))) {
            showBrief(o.index());
        }
    }

    /** Shows entry {@code i} as its header line, unless it is shown whole already. */
    private void showBrief(int i) {
        if (!shown[i]) {
            shown[i] = true;
            brief[i] = true;
        }
    }

    /** Shows entry {@code i} even when its group already stands for it, unless it is noise. */
    private void showNeighbour(int i) {
        if (i >= 0 && i < entries.size() && entries.get(i).severity() != Severity.NOISE) {
            shown[i] = true;
        }
    }

    /** The last occurrence of a shown repeated group says until when it went on. */
    private void showLastOfGroups() {
        for (EntryGroup g : groups) {
            if (groupShown[g.id()] && g.count() > 1) {
                showBrief(g.last());
            }
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
            long mask = shown[i] ? 0 : matchMask(entries.get(i), query);
            if (mask == 0) {
                continue;
            }
            EntryGroup g = groups.get(groupOf[i]);
            // A member of a shown group adds something only when it names a term its shown first entry does not.
            if (groupShown[g.id()] && (mask & ~matchMask(entries.get(g.first()), query)) == 0) {
                continue;
            }
            shown[i] = true;
            added++;
        }
    }

    /** The query terms that the lines of an entry match, as a bit mask. */
    private long matchMask(Entry entry, QueryTerms query) {
        long mask = 0;
        for (int i = entry.start(); i < entry.end(); i++) {
            mask |= query.matchMask(lines.get(i));
        }
        return mask;
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

    /** Whether entry {@code i} is shown as its header line only. */
    boolean isBrief(int i) {
        return brief[i];
    }

    /** Whether entry {@code i} is the last of a shown group with more than one entry. */
    boolean showsAsLastOfGroup(int i) {
        EntryGroup g = groupOf(i);
        return groupShown[g.id()] && g.last() == i && g.count() > 1;
    }

    /**
     * The origin lines (where the include came from) of the other entries of entry {@code i}'s group, distinct,
     * in order, at most {@code limit}.
     */
    List<String> otherOrigins(int i, int limit) {
        if (originsByGroup == null) {
            originsByGroup = new ArrayList<>(groups.size());
            for (int g = 0; g < groups.size(); g++) {
                originsByGroup.add(null);
            }
            for (int j = 0; j < entries.size(); j++) {
                Entry e = entries.get(j);
                if (e.origin() >= 0) {
                    java.util.Set<String> set = originsByGroup.get(groupOf[j]);
                    if (set == null) {
                        set = new java.util.LinkedHashSet<>();
                        originsByGroup.set(groupOf[j], set);
                    }
                    if (set.size() <= limit) {
                        set.add(lines.get(e.origin()));
                    }
                }
            }
        }
        java.util.Set<String> origins = originsByGroup.get(groupOf[i]);
        if (origins == null) {
            return List.of();
        }
        Entry own = entries.get(i);
        List<String> others = new ArrayList<>(origins);
        if (own.origin() >= 0) {
            others.remove(lines.get(own.origin()));
        }
        return others.size() > limit ? others.subList(0, limit) : others;
    }

    /** Whether entry {@code i} is represented by a shown group even when not shown itself. */
    boolean accounted(int i) {
        return groupShown[groupOf[i]];
    }
}
