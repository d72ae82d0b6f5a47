package dev.headroom.compress.json;

import dev.headroom.compress.table.RowSet;
import dev.headroom.compress.table.Severity;

import java.util.Locale;

/**
 * Records what selection needs to know about one array item: the scalar fields reachable through objects as
 * columns (for outliers and rare values), and — anywhere inside the item, nested arrays included — its error
 * and warning signals and the query terms its strings contain.
 */
final class RowFeatures {
    private static final int MAX_DEPTH = 12;
    private static final int MAX_SIGNAL_TEXT = 48;

    private RowFeatures() {
    }

    /** Adds the features of {@code item} to the current row of {@code rows}. */
    static void add(RowSet rows, Json item, String arrayKey) {
        if (item instanceof Json.Obj obj) {
            fields(rows, obj, "", false, 0);
        } else if (item instanceof Json.Arr arr) {
            for (int i = 0; i < arr.items.size(); i++) {
                Json x = arr.items.get(i);
                if (Json.isScalar(x)) {
                    scalar(rows, x, "[" + i + "]", arrayKey);
                } else {
                    visit(rows, x, null, arrayKey, 1);
                }
            }
        } else if (Json.isScalar(item)) {
            scalar(rows, item, "", arrayKey);
        }
    }

    private static void fields(RowSet rows, Json.Obj obj, String prefix, boolean inArray, int depth) {
        for (int i = 0; i < obj.size(); i++) {
            String key = obj.keys.get(i);
            if (key == null) {
                continue;
            }
            Json value = obj.values.get(i);
            String column = inArray ? null : prefix.isEmpty() ? key : prefix + "." + key;
            if (Severity.isErrorKey(key) && isNonEmptyStructure(value)) {
                rows.signal((column == null ? "~" + key : column) + "=*", Severity.ERROR, 1);
            }
            visit(rows, value, column, key, depth + 1);
        }
    }

    private static void visit(RowSet rows, Json value, String column, String key, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof Json.Obj child) {
            fields(rows, child, column == null ? "" : column, column == null, depth);
        } else if (value instanceof Json.Arr arr) {
            for (Json x : arr.items) {
                visit(rows, x, null, key, depth + 1);
            }
        } else {
            scalar(rows, value, column, key);
        }
    }

    private static void scalar(RowSet rows, Json value, String column, String key) {
        String text = Json.scalarText(value);
        if (text == null) {
            return;
        }
        boolean numeric = value instanceof Json.Num || value instanceof Json.Str && JsonText.looksLikeLiteral(text)
                && !text.equals("true") && !text.equals("false");
        if (column != null) {
            rows.value(column, text, numeric);
        }
        Severity.ValueKind kind = value instanceof Json.Num ? Severity.ValueKind.NUMBER
                : value instanceof Json.Bool ? Severity.ValueKind.BOOLEAN : Severity.ValueKind.STRING;
        int level = Severity.classify(key, text, kind);
        if (level != Severity.NONE) {
            String shown = text.length() > MAX_SIGNAL_TEXT ? text.substring(0, MAX_SIGNAL_TEXT) : text;
            rows.signal((column == null ? "~" + key : column) + "=" + shown.toLowerCase(Locale.ROOT), level,
                    Severity.weight(key));
        }
        if (value instanceof Json.Str) {
            rows.text(text);
        }
    }

    private static boolean isNonEmptyStructure(Json value) {
        if (value instanceof Json.Obj o) {
            return o.size() > 0;
        }
        return value instanceof Json.Arr a && !a.items.isEmpty();
    }
}
