package dev.headroom.compress.json;

import dev.headroom.compress.query.QueryTerms;
import dev.headroom.compress.table.RowSelector;
import dev.headroom.compress.table.RowSet;
import dev.headroom.compress.table.Severity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups every array of a document (and every large object of objects) by its normalised path
 * ({@code $.groups[*].rules}), so that statistics — what is rare, what is an outlier, which signals most items
 * share — are computed over all items of that kind, while rows are chosen per array. Built once per document;
 * {@link #select} can then be run for several budgets.
 */
final class ArrayGroups {
    private static final int MAP_MIN_ENTRIES = 8;

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<Json, Instance> instances = new IdentityHashMap<>();
    private final QueryTerms terms;
    private final RowFeatures features = new RowFeatures();

    private ArrayGroups(QueryTerms terms) {
        this.terms = terms;
    }

    /** Studies every array of {@code doc}. */
    static ArrayGroups of(Document doc, QueryTerms terms) {
        ArrayGroups c = new ArrayGroups(terms);
        c.walk(doc.root(), new PathNode("$"), "", null, -1);
        for (Group g : c.groups.values()) {
            g.rows.finish();
        }
        return c;
    }

    QueryTerms terms() {
        return terms;
    }

    /** The array (or object of objects) as a collection member, or null when it is not one. */
    Instance instance(Json node) {
        return instances.get(node);
    }

    /**
     * Chooses the rows to keep in every array, innermost arrays first: an item whose nested array holds an
     * error or query match is kept, and one whose nested array holds outliers or rare values ranks as notable,
     * so a needle is never hidden inside an omitted parent.
     */
    void select(Level level) {
        List<Group> order = new ArrayList<>(groups.values());
        for (Group g : order) {
            g.kept = new BitSet(g.rows.size());
            g.forced = new BitSet();
            g.interesting = new BitSet();
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Group g = order.get(i);
            RowSelector.Budget budget = g.parent == null ? level.top() : g.scalar ? level.scalars() : level.nested();
            BitSet notable = new BitSet();
            for (Instance inst : g.instances) {
                if (inst.candidates == null) {
                    inst.candidates = RowSelector.prepare(g.rows, inst.from, inst.to);
                }
                for (int row : RowSelector.select(inst.candidates, budget, g.interesting, notable)) {
                    g.kept.set(row);
                }
            }
            g.kept.or(g.forced);
            if (g.parent == null) {
                continue;
            }
            for (int row = g.kept.nextSetBit(0); row >= 0; row = g.kept.nextSetBit(row + 1)) {
                int parentRow = g.parentRows[row];
                if (g.rows.level(row) == Severity.ERROR || g.rows.queryScore(row) > 0 || g.forced.get(row)) {
                    g.parent.forced.set(parentRow);
                } else if (notable.get(row)) {
                    g.parent.interesting.set(parentRow);
                }
            }
        }
    }

    private void walk(Json node, PathNode path, String key, Group enclosing, int enclosingRow) {
        if (node instanceof Json.Arr arr) {
            Group g = group(path.path, enclosing);
            PathNode items = path.child("[*]");
            Instance inst = new Instance(g, g.rows.size());
            for (Json item : arr.items) {
                int row = addRow(g, enclosingRow);
                features.add(g.rows, item, key);
                walk(item, items, key, g, row);
            }
            finishInstance(g, inst, arr);
        } else if (node instanceof Json.Obj obj) {
            if (isMapOfObjects(obj)) {
                PathNode entries = path.child(".*");
                Group g = group(entries.path, enclosing);
                Instance inst = new Instance(g, g.rows.size());
                for (int i = 0; i < obj.size(); i++) {
                    int row = addRow(g, enclosingRow);
                    features.add(g.rows, obj.values.get(i), obj.keys.get(i));
                    g.rows.text(obj.keys.get(i));
                    walk(obj.values.get(i), entries, obj.keys.get(i), g, row);
                }
                finishInstance(g, inst, obj);
                return;
            }
            for (int i = 0; i < obj.size(); i++) {
                String k = obj.keys.get(i);
                if (k != null) {
                    walk(obj.values.get(i), path.child(k), k, enclosing, enclosingRow);
                }
            }
        }
    }

    private static boolean isMapOfObjects(Json.Obj obj) {
        if (obj.size() < MAP_MIN_ENTRIES || !TableLayout.uniqueKeys(obj)) {
            return false;
        }
        for (Json v : obj.values) {
            if (!(v instanceof Json.Obj o) || o.size() == 0) {
                return false;
            }
        }
        return true;
    }

    private Group group(String path, Group enclosing) {
        return groups.computeIfAbsent(path, p -> new Group(new RowSet(terms), enclosing));
    }

    private static int addRow(Group g, int enclosingRow) {
        int row = g.rows.addRow();
        if (row == g.parentRows.length) {
            g.parentRows = Arrays.copyOf(g.parentRows, Math.max(16, row * 2));
        }
        g.parentRows[row] = enclosingRow;
        return row;
    }

    private void finishInstance(Group g, Instance inst, Json node) {
        inst.to = g.rows.size();
        g.instances.add(inst);
        instances.put(node, inst);
        List<Json> items = node instanceof Json.Arr a ? a.items : ((Json.Obj) node).values;
        if (items.stream().allMatch(Json::isScalar)) {
            g.scalarRows += items.size();
        }
        g.scalar = g.scalarRows * 2 >= g.rows.size();
    }

    /** A normalised path with its children, so that walking 10,000 items builds each path string once. */
    private static final class PathNode {
        final String path;
        private Map<String, PathNode> children;

        PathNode(String path) {
            this.path = path;
        }

        /** The child for an object key, or for {@code "[*]"} (array items) and {@code ".*"} (map entries). */
        PathNode child(String key) {
            if (children == null) {
                children = new HashMap<>();
            }
            PathNode c = children.get(key);
            if (c == null) {
                String childPath = key.equals("[*]") || key.equals(".*") ? path + key : SectionRenderer.childPath(path, key);
                c = new PathNode(childPath);
                children.put(key, c);
            }
            return c;
        }
    }

    /** All arrays at one normalised path. */
    static final class Group {
        final RowSet rows;
        final Group parent;
        final List<Instance> instances = new ArrayList<>();
        int[] parentRows = new int[16];
        int scalarRows;
        boolean scalar;
        BitSet kept = new BitSet();
        BitSet forced = new BitSet();
        BitSet interesting = new BitSet();

        Group(RowSet rows, Group parent) {
            this.rows = rows;
            this.parent = parent;
        }
    }

    /** One array (or object of objects): rows {@code [from, to)} of its group. */
    static final class Instance {
        final Group group;
        final int from;
        int to;
        RowSelector.Candidates candidates;

        Instance(Group group, int from) {
            this.group = group;
            this.from = from;
        }

        boolean kept(int index) {
            return group.kept.get(from + index);
        }
    }
}
