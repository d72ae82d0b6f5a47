package dev.headroom.compress.json;

/**
 * Turns a (possibly pruned) document into the text the model sees: a one-line explanation of the notation
 * when tables or lossy marks are used, then the sections.
 */
final class Renderer {
    static final String TABLE_NOTE = "# compact JSON; <see P> = shown below at P; tables: a header line of field names"
            + " (a.b nested, :str text), then one row per item; plain strings unquoted; empty cell = absent\n";

    private Renderer() {
    }

    /** Plain compact JSON (JSON lines: one compact object per line, plain lines as they were). */
    static String minified(Document doc) {
        StringBuilder sb = new StringBuilder();
        if (!doc.lines()) {
            JsonText.inline(doc.root(), sb);
            return sb.toString();
        }
        for (Json item : ((Json.Arr) doc.root()).items) {
            if (item instanceof Json.Str raw) {
                sb.append(raw.value());
            } else {
                JsonText.inline(item, sb);
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** The text of {@code doc}; {@code sections} tells whether tables or outlines were used. */
    static SectionRenderer.Rendering render(Document doc, String lossyNote) {
        SectionRenderer.Rendering r = SectionRenderer.render(doc);
        String body = r.body();
        if (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        StringBuilder sb = new StringBuilder(body.length() + 400);
        if (r.sections()) {
            sb.append(TABLE_NOTE);
        }
        if (lossyNote != null) {
            sb.append(lossyNote);
        }
        return new SectionRenderer.Rendering(sb.append(body).toString(), r.sections());
    }
}
