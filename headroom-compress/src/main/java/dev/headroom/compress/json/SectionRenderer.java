package dev.headroom.compress.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a document as compact JSON in which every array (or object) that reads better as a table is
 * replaced by {@code <see PATH>} and shown below under its JSONPath: first the skeleton line, then one section
 * per table or outline, depth first in document order.
 */
final class SectionRenderer {
    private final LayoutPlanner planner = new LayoutPlanner();
    private final StringBuilder out = new StringBuilder();
    private boolean sections;

    private SectionRenderer() {
    }

    /** The rendering of {@code doc}, without any header. */
    static Rendering render(Document doc) {
        SectionRenderer r = new SectionRenderer();
        r.root(doc);
        return new Rendering(r.out.toString(), r.sections);
    }

    /**
     * A rendered document.
     *
     * @param body     the text
     * @param sections whether it uses tables or outlines (and so needs the format explained)
     */
    record Rendering(String body, boolean sections) {
    }

    private void root(Document doc) {
        Json root = doc.root();
        if (doc.lines()) {
            TableLayout table = TableLayout.of(root, true);
            if (table != null) {
                tableSection("JSON lines", table, root);
            } else {
                lines((Json.Arr) root);
            }
            return;
        }
        if (planner.kind(root) == LayoutPlanner.Kind.INLINE) {
            line("$", root, false);
        } else {
            section("$", root);
        }
    }

    private void lines(Json.Arr root) {
        for (Json item : root.items) {
            if (item instanceof Json.Gap gap) {
                TableWriter.gapLine(gap.count(), out);
            } else if (item instanceof Json.Str raw) {
                out.append(raw.value()).append('\n');
            } else {
                line(null, item, false);
            }
        }
        digest(root);
    }

    private void section(String path, Json node) {
        sections = true;
        if (planner.kind(node) == LayoutPlanner.Kind.TABLE) {
            tableSection(path, planner.table(node), node);
        } else {
            outlineSection(path, (Json.Arr) node);
        }
    }

    private void tableSection(String title, TableLayout table, Json node) {
        sections = true;
        out.append(title).append(": ");
        count(table.shown, table.total, "rows");
        TableWriter.write(table, out);
        digest(node);
    }

    private void digest(Json node) {
        if (node instanceof Json.Arr arr && arr.omittedDigest != null) {
            out.append(arr.omittedDigest);
        }
    }

    private void outlineSection(String path, Json.Arr arr) {
        int shown = 0;
        int total = 0;
        for (Json item : arr.items) {
            int gap = item instanceof Json.Gap g ? g.count() : 0;
            shown += gap == 0 ? 1 : 0;
            total += gap == 0 ? 1 : gap;
        }
        out.append(path).append(": ");
        count(shown, total, "items");
        int index = 0;
        for (Json item : arr.items) {
            if (item instanceof Json.Gap gap) {
                TableWriter.gapLine(gap.count(), out);
                index += gap.count();
            } else {
                line(path + "[" + index + "]", item, true);
                index++;
            }
        }
        digest(arr);
    }

    private void count(int shown, int total, String noun) {
        if (shown == total) {
            out.append(total).append(' ').append(noun).append('\n');
        } else {
            out.append(shown).append(" of ").append(total).append(' ').append(noun).append('\n');
        }
    }

    /** One skeleton line (labelled with its path when {@code labelled}), then the sections it refers to. */
    private void line(String path, Json node, boolean labelled) {
        List<Pending> pending = new ArrayList<>();
        if (labelled) {
            out.append(path).append(": ");
        }
        skeleton(node, path == null ? "$" : path, pending);
        out.append('\n');
        for (Pending p : pending) {
            section(p.path, p.node);
        }
    }

    private void skeleton(Json node, String path, List<Pending> pending) {
        if (node instanceof Json.Obj obj) {
            out.append('{');
            for (int i = 0; i < obj.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Json value = obj.values.get(i);
                if (value instanceof Json.Gap gap) {
                    JsonText.gap(gap, out);
                    continue;
                }
                JsonText.quote(obj.keys.get(i), out);
                out.append(':');
                child(value, childPath(path, obj.keys.get(i)), pending);
            }
            out.append('}');
        } else if (node instanceof Json.Arr arr) {
            out.append('[');
            int index = 0;
            for (int i = 0; i < arr.items.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Json item = arr.items.get(i);
                if (item instanceof Json.Gap gap) {
                    JsonText.gap(gap, out);
                    index += gap.count();
                    continue;
                }
                child(item, path + "[" + index + "]", pending);
                index++;
            }
            out.append(']');
        } else {
            JsonText.scalar(node, out);
        }
    }

    private void child(Json value, String path, List<Pending> pending) {
        if ((value instanceof Json.Arr || value instanceof Json.Obj) && planner.kind(value) != LayoutPlanner.Kind.INLINE) {
            out.append("<see ").append(path).append('>');
            pending.add(new Pending(path, value));
        } else {
            skeleton(value, path, pending);
        }
    }

    /** The JSONPath of field {@code key} of the value at {@code path}. */
    static String childPath(String path, String key) {
        String segment = JsonText.keySegment(key);
        return segment.startsWith("\"") ? path + "[" + segment + "]" : path + "." + segment;
    }

    private record Pending(String path, Json node) {
    }
}
