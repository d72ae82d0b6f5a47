package dev.headroom.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.MalformedRequestException;
import dev.headroom.wire.JsonCodec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The optional {@code query} of {@code headroom_retrieve}: narrows a retained original to the lines (or, for
 * a JSON array, the items) that contain any query term, case-insensitively. Terms are separated by
 * whitespace or commas. The answer starts with one line saying how many matched of how many; when nothing
 * matches it says so and gives the first {@value #PREVIEW} lines or items instead. Deterministic.
 */
public final class RetrieveQuery {
    /** How many lines or items are returned when nothing matches. */
    public static final int PREVIEW = 20;

    private RetrieveQuery() {
    }

    /** {@code original} narrowed to {@code query}; a blank or null query returns the original unchanged. */
    public static String apply(String original, String query) {
        List<String> terms = terms(query);
        if (terms.isEmpty()) {
            return original;
        }
        String quoted = "\"" + String.join(" ", terms) + "\"";
        JsonNode array = jsonArray(original);
        if (array != null) {
            List<String> items = new ArrayList<>(array.size());
            array.forEach(item -> items.add(JsonCodec.write(item)));
            return render(items, terms, quoted, "item", "items", true);
        }
        List<String> lines = new ArrayList<>(List.of(original.split("\n", -1)));
        if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return render(lines, terms, quoted, "line", "lines", false);
    }

    /** The distinct lower-case terms of a query, in order. */
    static List<String> terms(String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        Set<String> terms = new LinkedHashSet<>();
        for (String term : query.toLowerCase(Locale.ROOT).split("[\\s,]+")) {
            if (!term.isEmpty()) {
                terms.add(term);
            }
        }
        return List.copyOf(terms);
    }

    private static String render(List<String> units, List<String> terms, String quoted, String one, String many,
                                 boolean json) {
        List<String> matching = new ArrayList<>();
        for (String unit : units) {
            String lower = unit.toLowerCase(Locale.ROOT);
            for (String term : terms) {
                if (lower.contains(term)) {
                    matching.add(unit);
                    break;
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        List<String> body;
        if (matching.isEmpty()) {
            body = units.subList(0, Math.min(PREVIEW, units.size()));
            sb.append("no ").append(one).append(" matches the query ").append(quoted).append("; the first ")
                    .append(body.size()).append(" of ").append(units.size()).append(' ').append(many).append(" follow:\n");
        } else {
            body = matching;
            sb.append(matching.size()).append(" of ").append(units.size()).append(' ').append(many)
                    .append(" match the query ").append(quoted).append(":\n");
        }
        if (json) {
            sb.append("[\n").append(String.join(",\n", body)).append("\n]");
        } else {
            sb.append(String.join("\n", body));
        }
        return sb.toString();
    }

    private static JsonNode jsonArray(String original) {
        String trimmed = original.strip();
        if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
            return null;
        }
        try {
            JsonNode node = JsonCodec.parse(trimmed);
            return node.isArray() ? node : null;
        } catch (MalformedRequestException e) {
            return null;
        }
    }
}
