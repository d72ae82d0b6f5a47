package dev.headroom.compress.json;

import dev.headroom.compress.table.RowSet;
import dev.headroom.compress.table.Severity;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Records what selection needs to know about one array item: the scalar fields reachable through objects as
 * columns (for outliers and rare values), and — anywhere inside the item, nested arrays included — its error
 * and warning signals and the query terms its strings contain. One instance serves one document; it caches
 * column names and studied keys so that a 10,000-item array costs no string building per field.
 */
final class RowFeatures {
    private static final int MAX_DEPTH = 12;
    private static final int MAX_SIGNAL_TEXT = 48;

    private final Column root = new Column("");
    private final Map<String, Severity.Key> keys = new HashMap<>();

    /** Adds the features of {@code item} to the current row of {@code rows}. */
    void add(RowSet rows, Json item, String arrayKey) {
        if (item instanceof Json.Obj obj) {
            fields(rows, obj, root, 0);
        } else if (item instanceof Json.Arr arr) {
            for (int i = 0; i < arr.items.size(); i++) {
                Json x = arr.items.get(i);
                if (Json.isScalar(x)) {
                    scalar(rows, x, root.child("[" + i + "]"), arrayKey);
                } else {
                    visit(rows, x, null, arrayKey, 1);
                }
            }
        } else if (Json.isScalar(item)) {
            scalar(rows, item, root, arrayKey);
        }
    }

    private void fields(RowSet rows, Json.Obj obj, Column prefix, int depth) {
        for (int i = 0; i < obj.size(); i++) {
            String key = obj.keys.get(i);
            if (key == null) {
                continue;
            }
            Json value = obj.values.get(i);
            rows.text(key); // a key the question names (max_open_connections) singles out the item that has it
            Column column = prefix == null ? null : prefix.child(key);
            if ((value instanceof Json.Obj || value instanceof Json.Arr) && isNonEmpty(value) && key(key).isError()) {
                rows.signal((column == null ? "~" + key : column.name) + "=*", Severity.ERROR, 1);
            }
            visit(rows, value, column, key, depth + 1);
        }
    }

    private void visit(RowSet rows, Json value, Column column, String key, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof Json.Obj child) {
            fields(rows, child, column, depth);
        } else if (value instanceof Json.Arr arr) {
            for (Json x : arr.items) {
                visit(rows, x, null, key, depth + 1);
            }
        } else {
            scalar(rows, value, column, key);
        }
    }

    private void scalar(RowSet rows, Json value, Column column, String key) {
        String text = Json.scalarText(value);
        if (text == null) {
            return;
        }
        boolean isString = value instanceof Json.Str;
        if (column != null) {
            boolean numeric = !isString && value instanceof Json.Num
                    || isString && JsonText.looksLikeLiteral(text) && !text.equals("true") && !text.equals("false");
            rows.value(column.name, text, numeric);
        }
        Severity.ValueKind kind = value instanceof Json.Num ? Severity.ValueKind.NUMBER
                : value instanceof Json.Bool ? Severity.ValueKind.BOOLEAN : Severity.ValueKind.STRING;
        Severity.Key studied = key(key);
        int level = Severity.classify(studied, text, kind);
        if (level != Severity.NONE) {
            String shown = text.length() > MAX_SIGNAL_TEXT ? text.substring(0, MAX_SIGNAL_TEXT) : text;
            rows.signal((column == null ? "~" + key : column.name) + "=" + shown.toLowerCase(Locale.ROOT), level,
                    studied.weight());
        }
        if (isString) {
            rows.text(text);
        }
    }

    private Severity.Key key(String name) {
        return keys.computeIfAbsent(name, Severity::key);
    }

    private static boolean isNonEmpty(Json value) {
        if (value instanceof Json.Obj o) {
            return o.size() > 0;
        }
        return value instanceof Json.Arr a && !a.items.isEmpty();
    }

    /** A column path ({@code owner.team}) with its children, so names are built once. */
    private static final class Column {
        final String name;
        private Map<String, Column> children;

        Column(String name) {
            this.name = name;
        }

        Column child(String key) {
            if (children == null) {
                children = new HashMap<>();
            }
            Column c = children.get(key);
            if (c == null) {
                c = new Column(name.isEmpty() ? key : name + "." + key);
                children.put(key, c);
            }
            return c;
        }
    }
}
