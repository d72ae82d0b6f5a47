package dev.headroom.compress.json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says what the left-out items of an array mostly were, from the fields that take only a few values among
 * them: {@code omitted: msg "request completed" ×291, "incoming request" ×290; (text) "** headers health"
 * ×293}. Fields with the same value in every item, shown or not, are skipped (the table already shows them).
 */
final class OmittedDigest {
    private static final int MAX_VALUES = 3;
    private static final int MAX_FIELDS = 2;
    private static final int MAX_VALUE_CHARS = 80;
    private static final int MIN_OMITTED = 3;

    private OmittedDigest() {
    }

    /** The digest line for the items of one array, {@code inst} telling which are shown; or null. */
    static String of(List<Json> items, ArrayGroups.Instance inst) {
        Map<String, Map<String, Integer>> omitted = new LinkedHashMap<>();
        Set<String> overflow = new HashSet<>();
        Map<String, String> shownValue = new LinkedHashMap<>();
        List<String> varied = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < items.size(); i++) {
            boolean shown = inst.kept(i);
            count += shown ? 0 : 1;
            Json item = items.get(i);
            if (item instanceof Json.Str raw) {
                record(TableLayout.TEXT_COLUMN, raw.value(), shown, omitted, overflow, shownValue, varied);
            } else if (item instanceof Json.Obj obj) {
                for (int f = 0; f < obj.size(); f++) {
                    Json value = obj.values.get(f);
                    if (obj.keys.get(f) != null && Json.isScalar(value) && value != Json.Null.INSTANCE) {
                        StringBuilder literal = new StringBuilder();
                        JsonText.scalar(value, literal);
                        record(obj.keys.get(f), literal.toString(), shown, omitted, overflow, shownValue, varied);
                    }
                }
            } else {
                return null;
            }
        }
        omitted.keySet().removeAll(overflow);
        return count < MIN_OMITTED ? null : format(omitted, shownValue, varied);
    }

    private static void record(String field, String value, boolean shown, Map<String, Map<String, Integer>> omitted,
                               Set<String> overflow, Map<String, String> shownValue, List<String> varied) {
        if (shown) {
            String before = shownValue.putIfAbsent(field, value);
            if (before != null && !before.equals(value) && !varied.contains(field)) {
                varied.add(field);
            }
            return;
        }
        if (overflow.contains(field)) {
            return;
        }
        Map<String, Integer> counts = omitted.computeIfAbsent(field, f -> new LinkedHashMap<>());
        if (counts.size() < MAX_VALUES || counts.containsKey(value)) {
            counts.merge(value, 1, Integer::sum);
        } else {
            overflow.add(field); // too many values to summarise
        }
    }

    private static String format(Map<String, Map<String, Integer>> omitted, Map<String, String> shownValue,
                                 List<String> varied) {
        StringBuilder sb = new StringBuilder();
        int fields = 0;
        for (Map.Entry<String, Map<String, Integer>> e : omitted.entrySet()) {
            Map<String, Integer> counts = e.getValue();
            if (fields == MAX_FIELDS) {
                break;
            }
            boolean constantEverywhere = counts.size() == 1 && !varied.contains(e.getKey())
                    && counts.containsKey(shownValue.get(e.getKey()));
            if (constantEverywhere || tooLong(counts)) {
                continue;
            }
            sb.append(fields == 0 ? "omitted: " : "; ").append(e.getKey()).append(' ');
            boolean first = true;
            for (Map.Entry<String, Integer> v : counts.entrySet()) {
                sb.append(first ? "" : ", ");
                first = false;
                if (TableLayout.TEXT_COLUMN.equals(e.getKey())) {
                    JsonText.quote(v.getKey(), sb);
                } else {
                    sb.append(v.getKey());
                }
                sb.append(" ×").append(v.getValue());
            }
            fields++;
        }
        return fields == 0 ? null : sb.append('\n').toString();
    }

    private static boolean tooLong(Map<String, Integer> counts) {
        for (String value : counts.keySet()) {
            if (value.length() > MAX_VALUE_CHARS) {
                return true;
            }
        }
        return false;
    }
}
