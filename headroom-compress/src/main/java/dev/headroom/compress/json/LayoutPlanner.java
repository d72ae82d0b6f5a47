package dev.headroom.compress.json;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Decides how each array or object outside a table is shown: as a {@link Kind#TABLE}, as an
 * {@link Kind#OUTLINE} (one line per item, each followed by its own tables — chosen when the items carry big
 * nested arrays, such as time series or rule lists, whose tables save more than the parent's), or
 * {@link Kind#INLINE} compact JSON. Decisions are cached per node.
 */
final class LayoutPlanner {
    private static final int MIN_NESTED_ROWS = 3;

    /** How a node is shown. */
    enum Kind { TABLE, OUTLINE, INLINE }

    private final Map<Json, Kind> kinds = new IdentityHashMap<>();
    private final Map<Json, TableLayout> tables = new IdentityHashMap<>();

    Kind kind(Json node) {
        if (!(node instanceof Json.Arr || node instanceof Json.Obj)) {
            return Kind.INLINE;
        }
        Kind known = kinds.get(node);
        if (known == null) {
            known = decide(node);
            kinds.put(node, known);
        }
        return known;
    }

    /** The table layout of a node whose kind is {@link Kind#TABLE}. */
    TableLayout table(Json node) {
        return tables.get(node);
    }

    private Kind decide(Json node) {
        if (node instanceof Json.Arr arr && objectItems(arr) >= 2 && outlineSaves(arr)) {
            return Kind.OUTLINE;
        }
        TableLayout table = TableLayout.of(node, false);
        if (table == null || !worthATable(node, table)) {
            return Kind.INLINE;
        }
        tables.put(node, table);
        return Kind.TABLE;
    }

    private static int objectItems(Json.Arr arr) {
        int objects = 0;
        for (Json item : arr.items) {
            if (item instanceof Json.Obj) {
                objects++;
            } else if (!(item instanceof Json.Gap)) {
                return 0;
            }
        }
        return objects;
    }

    /** Small tables pay for their header only when the rows share their keys; compare the two forms. */
    private static boolean worthATable(Json node, TableLayout table) {
        if (table.shown > 4) {
            return true;
        }
        StringBuilder inline = new StringBuilder();
        JsonText.inline(node, inline);
        StringBuilder tabular = new StringBuilder();
        TableWriter.write(table, tabular);
        return tabular.length() + 24 < inline.length();
    }

    /**
     * Whether showing each item on its own line, with its big nested arrays as tables, saves more than a
     * table of the items would: the keys that nested tables save against the keys the items repeat.
     */
    private static boolean outlineSaves(Json.Arr arr) {
        long itemKeys = 0;
        long nestedSavings = 0;
        for (Json item : arr.items) {
            if (item instanceof Json.Obj obj) {
                itemKeys += keyChars(obj);
                nestedSavings += nestedTableSavings(obj, 0);
            }
        }
        return nestedSavings > itemKeys + itemKeys / 5;
    }

    /** Characters spent on keys in an object, not counting inside arrays. */
    private static long keyChars(Json.Obj obj) {
        long chars = 0;
        for (int i = 0; i < obj.size(); i++) {
            String key = obj.keys.get(i);
            chars += key == null ? 0 : key.length() + 4;
            if (obj.values.get(i) instanceof Json.Obj child) {
                chars += keyChars(child);
            }
        }
        return chars;
    }

    private static long nestedTableSavings(Json.Obj obj, int depth) {
        long savings = 0;
        for (Json value : obj.values) {
            if (value instanceof Json.Obj child && depth < 6) {
                savings += nestedTableSavings(child, depth + 1);
            } else if (value instanceof Json.Arr arr && arr.items.size() >= MIN_NESTED_ROWS) {
                savings += arraySavings(arr);
            }
        }
        return savings;
    }

    private static long arraySavings(Json.Arr arr) {
        long keys = 0;
        long first = -1;
        int tuples = 0;
        for (Json item : arr.items) {
            if (item instanceof Json.Obj o) {
                long k = keyChars(o);
                keys += k;
                if (first < 0) {
                    first = k;
                }
            } else if (item instanceof Json.Arr) {
                tuples++;
            }
        }
        return Math.max(0, keys - Math.max(first, 0)) + 3L * tuples;
    }
}
