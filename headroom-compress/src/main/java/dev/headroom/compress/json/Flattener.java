package dev.headroom.compress.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which nested objects of a table's rows become dotted columns ({@code metadata.name}): a field is
 * flattened when, in every row that has it, it is a non-empty object and the rows' objects share most of their
 * keys. Maps with varying keys (labels, annotations) stay one cell of compact JSON, so the table does not
 * explode into sparse columns, and an empty object is never confused with an absent field.
 */
final class Flattener {
    private static final int MAX_DEPTH = 6;

    private final Node root = new Node(null, "");
    private final List<Node> columns = new ArrayList<>();

    private Flattener() {
    }

    /** Studies the object rows among {@code entries} (other entries are ignored). */
    static Flattener of(List<Json> entries) {
        Flattener f = new Flattener();
        for (Json e : entries) {
            if (e instanceof Json.Obj o) {
                f.root.present++;
                f.root.objects++;
                f.root.keyTotal += o.size();
                visit(f.root, o, 0);
            }
        }
        f.decide(f.root, 0);
        return f;
    }

    private static void visit(Node node, Json.Obj obj, int depth) {
        for (int i = 0; i < obj.size(); i++) {
            Node child = node.children.computeIfAbsent(obj.keys.get(i), k -> new Node(node, k));
            child.present++;
            Json value = obj.values.get(i);
            if (depth < MAX_DEPTH && value instanceof Json.Obj o && o.size() > 0 && TableLayout.uniqueKeys(o)) {
                child.objects++;
                child.keyTotal += o.size();
                visit(child, o, depth + 1);
            }
        }
    }

    private void decide(Node node, int depth) {
        for (Node child : node.children.values()) {
            double average = child.objects == 0 ? 0 : (double) child.keyTotal / child.objects;
            child.flatten = depth < MAX_DEPTH && child.objects > 0 && child.objects == child.present
                    && child.children.size() <= average * 1.5 + 2;
            if (child.flatten) {
                decide(child, depth + 1);
            } else {
                child.column = columns.size();
                columns.add(child);
            }
        }
    }

    int columnCount() {
        return columns.size();
    }

    /** How many distinct keys the rows have at their top level. */
    int topLevelKeys() {
        return root.children.size();
    }

    List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (Node column : columns) {
            names.add(column.name());
        }
        return names;
    }

    /** The keys from a row down to column {@code column}'s field. */
    List<String> keyPath(int column) {
        List<String> keys = new ArrayList<>();
        for (Node n = columns.get(column); n.parent != null; n = n.parent) {
            keys.add(0, n.key);
        }
        return keys;
    }

    /** Puts the row's values into {@code cells}, starting at column {@code offset}. */
    void fill(Json.Obj row, Json[] cells, int offset) {
        fill(root, row, cells, offset);
    }

    private static void fill(Node node, Json.Obj obj, Json[] cells, int offset) {
        for (int i = 0; i < obj.size(); i++) {
            Node child = node.children.get(obj.keys.get(i));
            Json value = obj.values.get(i);
            if (child == null || value instanceof Json.Gap) {
                continue;
            }
            if (child.flatten && value instanceof Json.Obj o) {
                fill(child, o, cells, offset);
            } else if (child.column >= 0) {
                cells[offset + child.column] = value;
            }
        }
    }

    private static final class Node {
        final Node parent;
        final String key;
        final Map<String, Node> children = new LinkedHashMap<>();
        int present;
        int objects;
        int keyTotal;
        boolean flatten;
        int column = -1;

        Node(Node parent, String key) {
            this.parent = parent;
            this.key = key;
        }

        String name() {
            String segment = JsonText.keySegment(key);
            return parent == null || parent.parent == null ? segment : parent.name() + "." + segment;
        }
    }
}
