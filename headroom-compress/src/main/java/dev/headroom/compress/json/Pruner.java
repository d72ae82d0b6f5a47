package dev.headroom.compress.json;

import dev.headroom.compress.query.QueryTerms;
import dev.headroom.compress.table.Severity;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds the lossy copy of a document for one {@link Level}: arrays keep only their selected items (the rest
 * become {@link Json.Gap}s), null and empty fields are dropped, so are Kubernetes {@code managedFields} and
 * link fields that only extend a sibling link ({@code comments_url} = {@code url} + {@code /comments}), and long
 * strings and digests are shortened unless they match the query, sit in a field the query names, or report an
 * error. Counts what it left out.
 */
final class Pruner {
    private static final Pattern DIGEST = Pattern.compile(
            "(?:(?:sha\\d+|md5):)?[0-9a-fA-F]{32,}|(?=.*[A-Z])(?=.*[a-z])(?=.*\\d)[A-Za-z0-9+][A-Za-z0-9+/]{63,}={0,2}");
    private static final List<String> NOISE_KEYS = List.of("managedFields");

    private final ArrayGroups groups;
    private final QueryTerms terms;
    private final Level level;
    private Document document;
    int omittedItems;
    int totalItems;
    int cutStrings;
    int droppedFields;

    private Pruner(ArrayGroups groups, Level level) {
        this.groups = groups;
        this.terms = groups.terms();
        this.level = level;
    }

    /** Prunes {@code doc}; {@link ArrayGroups#select} must have run for {@code level}. */
    static Pruner prune(Document doc, ArrayGroups groups, Level level) {
        Pruner p = new Pruner(groups, level);
        p.document = new Document(p.copy(doc.root(), ""), doc.lines());
        return p;
    }

    /** The lossy copy. */
    Document document() {
        return document;
    }

    /** Whether anything was left out. */
    boolean changed() {
        return omittedItems > 0 || cutStrings > 0 || droppedFields > 0;
    }

    /** The header line that explains the lossy marks this rendering uses. */
    String note() {
        StringBuilder sb = new StringBuilder("# shortened: ");
        if (omittedItems > 0) {
            sb.append("…N omitted… = items left out; ");
        }
        if (cutStrings > 0) {
            sb.append("\"…\"…+N chars = string cut; ");
        }
        if (droppedFields > 0) {
            sb.append("null/empty fields dropped; ");
        }
        sb.setLength(sb.length() - 2);
        return sb.append('\n').toString();
    }

    /** A few words on what was left out, for the marker. */
    String summary() {
        StringBuilder sb = new StringBuilder();
        if (omittedItems > 0) {
            sb.append(omittedItems).append(" of ").append(totalItems).append(" items omitted");
        }
        if (cutStrings > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append(cutStrings).append(" long strings shortened");
        }
        if (droppedFields > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append(droppedFields).append(" null, empty or derivable fields dropped");
        }
        return sb.toString();
    }

    private Json copy(Json node, String key) {
        if (node instanceof Json.Arr arr) {
            return copyArray(arr, key);
        }
        if (node instanceof Json.Obj obj) {
            return copyObject(obj);
        }
        if (node instanceof Json.Str s) {
            return shorten(s, key);
        }
        return node;
    }

    private Json copyArray(Json.Arr arr, String key) {
        ArrayGroups.Instance inst = groups.instance(arr);
        Json.Arr copy = new Json.Arr(Math.min(arr.items.size(), 64));
        int gap = 0;
        for (int i = 0; i < arr.items.size(); i++) {
            if (inst == null || inst.kept(i)) {
                if (gap > 0) {
                    copy.items.add(new Json.Gap(gap));
                    gap = 0;
                }
                copy.items.add(copy(arr.items.get(i), key));
            } else {
                gap++;
            }
        }
        Json.Arr result = finish(copy, gap, arr.items.size());
        if (inst != null && result.items.size() < arr.items.size()) {
            result.omittedDigest = OmittedDigest.of(arr.items, inst);
            result.source = arr;
        }
        return result;
    }

    private Json.Arr finish(Json.Arr copy, int gap, int size) {
        if (gap > 0) {
            copy.items.add(new Json.Gap(gap));
        }
        countItems(copy.items, size);
        return copy;
    }

    private void countItems(List<Json> items, int size) {
        int omitted = 0;
        for (Json item : items) {
            if (item instanceof Json.Gap g) {
                omitted += g.count();
            }
        }
        if (omitted > 0) {
            omittedItems += omitted;
            totalItems += size;
        }
    }

    private Json copyObject(Json.Obj obj) {
        ArrayGroups.Instance inst = groups.instance(obj);
        Json.Obj copy = new Json.Obj(obj.size());
        int gap = 0;
        for (int i = 0; i < obj.size(); i++) {
            String key = obj.keys.get(i);
            Json value = obj.values.get(i);
            if (inst != null && !inst.kept(i)) {
                gap++;
                continue;
            }
            if (gap > 0) {
                copy.put(null, new Json.Gap(gap));
                gap = 0;
            }
            if (inst == null && droppable(obj, key, value)) {
                droppedFields++;
                continue;
            }
            copy.put(key, copy(value, key));
        }
        if (gap > 0) {
            copy.put(null, new Json.Gap(gap));
        }
        if (inst != null) {
            countItems(copy.values, obj.size());
        }
        return copy;
    }

    private boolean droppable(Json.Obj obj, String key, Json value) {
        if (value == Json.Null.INSTANCE || NOISE_KEYS.contains(key)) {
            return true;
        }
        if (value instanceof Json.Str s) {
            return s.value().isEmpty() || derivableLink(obj, key, s.value());
        }
        if (value instanceof Json.Arr a) {
            return a.items.isEmpty();
        }
        return value instanceof Json.Obj o && o.size() == 0;
    }

    /** A {@code *_url} field whose value is another field's URL plus a path, query or template. */
    private static boolean derivableLink(Json.Obj obj, String key, String value) {
        if (!(key.endsWith("_url") || key.endsWith("Url")) || key.equals("html_url") || !value.startsWith("http")) {
            return false;
        }
        for (int i = 0; i < obj.size(); i++) {
            if (obj.values.get(i) instanceof Json.Str other && !key.equals(obj.keys.get(i))) {
                String base = other.value();
                if (base.length() >= 12 && base.length() < value.length() && value.startsWith(base)
                        && "/{?".indexOf(value.charAt(base.length())) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private Json shorten(Json.Str s, String key) {
        String value = s.value();
        boolean digest = value.length() >= 32 && DIGEST.matcher(value).matches();
        if (!digest && value.length() <= level.maxString()) {
            return s;
        }
        if (terms.matches(value) || key != null && terms.names(key)
                || !digest && Severity.classify(key, value, Severity.ValueKind.STRING) != Severity.NONE) {
            return s; // a needle stays whole: a query match, a field the question names, or an error report
        }
        int keep = digest ? Level.DIGEST_KEEP : level.keep();
        if (keep < value.length() && Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--;
        }
        if (value.length() - keep < 8) {
            return s;
        }
        cutStrings++;
        return new Json.Str(value.substring(0, keep), value.length() - keep);
    }
}
