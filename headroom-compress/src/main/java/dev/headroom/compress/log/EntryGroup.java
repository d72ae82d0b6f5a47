package dev.headroom.compress.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Entries with the same template key: how many, the first and last, and the distinct locations. */
public final class EntryGroup {
    private static final int MAX_LOCATIONS = 500;

    private final int id;
    private final int first;
    private int last;
    private int count;
    private int lines;
    private Severity severity;
    private final Set<String> locations = new LinkedHashSet<>();

    private EntryGroup(int id, int first, Severity severity) {
        this.id = id;
        this.first = first;
        this.last = first;
        this.severity = severity;
    }

    /**
     * Groups entries by key, in order of first appearance; {@code groupOf[i]} receives the group of entry i.
     */
    public static List<EntryGroup> group(List<Entry> entries, int[] groupOf) {
        Map<String, EntryGroup> byKey = new LinkedHashMap<>();
        List<EntryGroup> groups = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            EntryGroup g = byKey.get(entry.key());
            if (g == null) {
                g = new EntryGroup(groups.size(), i, entry.severity());
                byKey.put(entry.key(), g);
                groups.add(g);
            }
            g.add(i, entry);
            groupOf[i] = g.id;
        }
        return groups;
    }

    private void add(int index, Entry entry) {
        last = index;
        count++;
        lines += entry.size();
        severity = Severity.max(severity, entry.severity());
        if (!entry.location().isEmpty() && locations.size() < MAX_LOCATIONS) {
            locations.add(entry.location());
        }
    }

    public int id() {
        return id;
    }

    /** Index of the first entry. */
    public int first() {
        return first;
    }

    /** Index of the last entry. */
    public int last() {
        return last;
    }

    public int count() {
        return count;
    }

    /** Total number of lines of all its entries. */
    public int lines() {
        return lines;
    }

    public Severity severity() {
        return severity;
    }

    /** Distinct locations in order of appearance. */
    public List<String> locations() {
        return List.copyOf(locations);
    }
}
