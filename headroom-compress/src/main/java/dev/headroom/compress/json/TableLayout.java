package dev.headroom.compress.json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table form of an array of similar objects (or of equal-length arrays, or of an object whose values are
 * similar objects): one column per field, nested objects with a stable shape flattened into dotted columns,
 * fields with the same value in every row factored out, and columns whose values are all strings marked
 * {@code :str} so that their cells never need quotes.
 */
final class TableLayout {
    /** The column holding an entry's key when the table comes from an object. */
    static final String KEY_COLUMN = "(key)";
    /** The column holding a line that is not JSON, in JSON lines. */
    static final String TEXT_COLUMN = "(text)";
    private static final int MAX_COLUMNS = 160;
    /** Above this many columns, a table must be at least half full to be read as one. */
    private static final int WIDE_TABLE = 20;
    private static final int MAX_TUPLE = 12;

    final List<String> names = new ArrayList<>();
    final List<Boolean> textTyped = new ArrayList<>();
    final Map<String, Json> constants = new LinkedHashMap<>();
    /** One entry per row: its cells by column (null = absent), or null for a gap. */
    final List<Json[]> rows = new ArrayList<>();
    /** Parallel to {@link #rows}: the gap size for gap entries, else 0. */
    final List<Integer> gaps = new ArrayList<>();
    int shown;
    int total;
    int raws;
    /** Whether {@link #constants} hold for every item, including the left-out ones of a lossy copy. */
    boolean constantsHoldForAll = true;
    /** Parallel to {@link #names} before factoring: how to reach each column from a row (keys or an index). */
    private final List<Object> paths = new ArrayList<>();
    private final Map<String, Object> constantPaths = new LinkedHashMap<>();

    private TableLayout() {
    }

    /** The table form of {@code node}, or null when it does not have a table's shape. */
    static TableLayout of(Json node, boolean lines) {
        List<Json> entries = new ArrayList<>();
        List<String> keys = null;
        Json.Arr source = null;
        if (node instanceof Json.Obj obj) {
            keys = new ArrayList<>();
            for (int i = 0; i < obj.size(); i++) {
                entries.add(obj.values.get(i));
                keys.add(obj.keys.get(i));
            }
        } else if (node instanceof Json.Arr arr) {
            entries.addAll(arr.items);
            source = arr.source;
        } else {
            return null;
        }
        return build(entries, keys, lines, source);
    }

    private static TableLayout build(List<Json> entries, List<String> keys, boolean lines, Json.Arr source) {
        int objects = 0;
        int raws = 0;
        int tuples = 0;
        int tupleSize = -1;
        int keyTotal = 0;
        Set<String> seenKeys = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Json e = entries.get(i);
            if (e instanceof Json.Gap) {
                continue;
            }
            if (keys != null && !seenKeys.add(keys.get(i))) {
                return null; // duplicate keys
            }
            if (e instanceof Json.Obj o && o.size() > 0 && uniqueKeys(o)) {
                objects++;
                keyTotal += o.size();
            } else if (lines && e instanceof Json.Str) {
                raws++;
            } else if (keys == null && !lines && e instanceof Json.Arr a && a.items.size() > 0 && a.items.size() <= MAX_TUPLE
                    && (tupleSize < 0 || tupleSize == a.items.size())) {
                tupleSize = a.items.size();
                tuples++;
            } else {
                return null;
            }
        }
        int rowCount = objects + raws + tuples;
        if (rowCount < 2 || tuples > 0 && objects + raws > 0 || keys != null && objects < 3) {
            return null;
        }
        TableLayout table = new TableLayout();
        table.raws = raws;
        Flattener flattener = null;
        if (tuples > 0) {
            for (int i = 0; i < tupleSize; i++) {
                table.names.add("[" + i + "]");
                table.paths.add(i);
            }
        } else {
            flattener = Flattener.of(entries);
            int wide = flattener.topLevelKeys();
            if (flattener.columnCount() > MAX_COLUMNS || objects > 0 && wide * objects > 3 * keyTotal + 4 * objects
                    || objects > 0 && wide > WIDE_TABLE && 2 * keyTotal < wide * objects) {
                return null; // too sparse to read as a table: a wide table whose rows fill less than half of it
            }
            if (keys != null) {
                table.names.add(KEY_COLUMN);
                table.paths.add(null);
            }
            if (raws > 0) {
                table.names.add(TEXT_COLUMN);
                table.paths.add(null);
            }
            table.names.addAll(flattener.columnNames());
            for (int c = 0; c < flattener.columnCount(); c++) {
                table.paths.add(flattener.keyPath(c));
            }
        }
        int offset = (keys != null ? 1 : 0) + (raws > 0 ? 1 : 0);
        for (int i = 0; i < entries.size(); i++) {
            Json e = entries.get(i);
            if (e instanceof Json.Gap gap) {
                table.rows.add(null);
                table.gaps.add(gap.count());
                table.total += gap.count();
                continue;
            }
            Json[] cells = new Json[table.names.size()];
            if (e instanceof Json.Arr tuple) {
                for (int c = 0; c < tupleSize; c++) {
                    cells[c] = tuple.items.get(c);
                }
            } else if (e instanceof Json.Str raw) {
                cells[0] = raw;
            } else {
                if (keys != null) {
                    cells[0] = Json.Str.of(keys.get(i));
                }
                flattener.fill((Json.Obj) e, cells, offset);
            }
            table.rows.add(cells);
            table.gaps.add(0);
            table.shown++;
            table.total++;
        }
        table.factorConstants(offset, raws);
        if (!table.constants.isEmpty() && table.shown < table.total) {
            table.constantsHoldForAll = source != null && table.holdForAll(source);
        }
        table.typeColumns();
        return table;
    }

    /** Whether the object has no duplicate keys and no gaps. */
    static boolean uniqueKeys(Json.Obj o) {
        if (o.size() <= 1) {
            return o.size() == 0 || o.keys.get(0) != null;
        }
        if (o.size() <= 8) {
            for (int i = 1; i < o.size(); i++) {
                String k = o.keys.get(i);
                if (k == null) {
                    return false;
                }
                for (int j = 0; j < i; j++) {
                    if (k.equals(o.keys.get(j))) {
                        return false;
                    }
                }
            }
            return o.keys.get(0) != null;
        }
        Set<String> seen = new HashSet<>();
        for (String k : o.keys) {
            if (k == null || !seen.add(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every constant has its value in every object (or tuple) item of the uncut array. */
    private boolean holdForAll(Json.Arr original) {
        for (Map.Entry<String, Json> constant : constants.entrySet()) {
            Object path = constantPaths.get(constant.getKey());
            for (Json item : original.items) {
                if (item instanceof Json.Str && raws > 0) {
                    continue;
                }
                Json value = resolve(item, path);
                if (value == null || !same(value, constant.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Json resolve(Json item, Object path) {
        if (path instanceof Integer index) {
            return item instanceof Json.Arr a && index < a.items.size() ? a.items.get(index) : null;
        }
        Json current = item;
        for (String key : (List<String>) path) {
            if (!(current instanceof Json.Obj obj)) {
                return null;
            }
            current = obj.get(key);
        }
        return current;
    }

    /** Moves columns that hold the same value in every record row into {@link #constants}. */
    private void factorConstants(int firstData, int raws) {
        int records = shown - raws;
        if (records < 2) {
            return;
        }
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            String value = c < firstData ? null : constantText(c, records);
            if (value == null) {
                keep.add(c);
            } else {
                constants.put(names.get(c), firstValue(c));
                constantPaths.put(names.get(c), paths.get(c));
            }
        }
        if (keep.size() == names.size()) {
            return;
        }
        List<String> keptNames = new ArrayList<>();
        for (int c : keep) {
            keptNames.add(names.get(c));
        }
        names.clear();
        names.addAll(keptNames);
        for (int r = 0; r < rows.size(); r++) {
            Json[] cells = rows.get(r);
            if (cells == null) {
                continue;
            }
            Json[] narrowed = new Json[keep.size()];
            for (int k = 0; k < keep.size(); k++) {
                narrowed[k] = cells[keep.get(k)];
            }
            rows.set(r, narrowed);
        }
    }

    private String constantText(int column, int records) {
        Json first = null;
        int present = 0;
        for (Json[] cells : rows) {
            if (cells == null || cells[column] == null) {
                continue;
            }
            if (first != null && !same(first, cells[column])) {
                return null;
            }
            first = cells[column];
            present++;
        }
        return present == records ? "" : null;
    }

    /** Deep equality of two values, as their text would compare. */
    static boolean same(Json a, Json b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Json.Obj x && b instanceof Json.Obj y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!java.util.Objects.equals(x.keys.get(i), y.keys.get(i)) || !same(x.values.get(i), y.values.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Json.Arr x && b instanceof Json.Arr y) {
            if (x.items.size() != y.items.size()) {
                return false;
            }
            for (int i = 0; i < x.items.size(); i++) {
                if (!same(x.items.get(i), y.items.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private Json firstValue(int column) {
        for (Json[] cells : rows) {
            if (cells != null && cells[column] != null) {
                return cells[column];
            }
        }
        return Json.Null.INSTANCE;
    }

    /** Marks columns whose values are all strings (or null) and that hold something number-like. */
    private void typeColumns() {
        for (int c = 0; c < names.size(); c++) {
            boolean allText = true;
            boolean ambiguous = false;
            for (Json[] cells : rows) {
                if (cells == null || cells[c] == null || cells[c] == Json.Null.INSTANCE) {
                    continue;
                }
                if (!(cells[c] instanceof Json.Str s)) {
                    allText = false;
                    break;
                }
                if (!s.value().isEmpty() && JsonText.looksLikeLiteral(s.value()) && !s.value().equals("null")) {
                    ambiguous = true;
                }
            }
            textTyped.add(allText && ambiguous);
        }
    }
}
