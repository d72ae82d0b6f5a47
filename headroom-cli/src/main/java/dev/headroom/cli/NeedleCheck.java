package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Optional;

/**
 * Classifies the needles of a corpus question against a compressed request: visible in the text the model
 * reads, retrievable from a retained original behind a marker, or lost.
 *
 * <p>A needle is visible when it is a substring of the compressed request, of any of its JSON string values
 * (JSON escapes undone), or of the string values of a JSON document inside such a value (a compressed JSON
 * tool result). Needles are values, not syntax: a needle written as a JSON string literal ({@code "1.5"})
 * also counts when its content appears, so that rendering JSON as a table does not lose it by itself.
 */
final class NeedleCheck {
    enum State { VISIBLE, RETRIEVABLE, LOST }

    record Outcome(String needle, State state) {
    }

    private NeedleCheck() {
    }

    /**
     * @param compressedRequest the compressed request JSON
     * @param retainedHashes    hashes of the originals the compression retained
     * @param retrieve          looks up a retained original by hash
     */
    static List<Outcome> classify(List<String> needles, String compressedRequest, List<String> retainedHashes,
                                  Function<String, Optional<String>> retrieve) {
        List<String> visible = haystacks(compressedRequest);
        List<String> retained = new ArrayList<>();
        for (String hash : retainedHashes) {
            retrieve.apply(hash).ifPresent(original -> retained.addAll(haystacks(original)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (String needle : needles) {
            State state = foundIn(needle, visible) ? State.VISIBLE : foundIn(needle, retained) ? State.RETRIEVABLE : State.LOST;
            outcomes.add(new Outcome(needle, state));
        }
        return outcomes;
    }

    static boolean foundIn(String needle, List<String> haystacks) {
        String bare = needle.length() > 2 && needle.startsWith("\"") && needle.endsWith("\"")
                ? needle.substring(1, needle.length() - 1) : needle;
        for (String hay : haystacks) {
            if (hay.contains(needle) || hay.contains(bare)) {
                return true;
            }
        }
        return false;
    }

    /** The text itself, plus every string value when it is JSON, recursively into JSON-looking values. */
    static List<String> haystacks(String text) {
        List<String> out = new ArrayList<>();
        out.add(text);
        addJsonStrings(text, out, 0);
        return out;
    }

    private static void addJsonStrings(String text, List<String> out, int depth) {
        String trimmed = text.strip();
        if (depth > 3 || trimmed.isEmpty() || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[')) {
            return;
        }
        JsonNode node;
        try {
            node = JsonCodec.parse(trimmed);
        } catch (RuntimeException notJson) {
            return;
        }
        collect(node, out, depth);
    }

    private static void collect(JsonNode node, List<String> out, int depth) {
        if (node.isTextual()) {
            out.add(node.asText());
            addJsonStrings(node.asText(), out, depth + 1);
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, out, depth));
        }
    }
}
