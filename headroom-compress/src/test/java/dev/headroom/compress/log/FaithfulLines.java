package dev.headroom.compress.log;

import dev.headroom.retention.Marker;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test helper: every line of a digest is either an exact input line (possibly behind a {@code [×N]} or
 * {@code [last of ×N]} prefix, or shortened with a marked cut), a note in brackets, or the marker.
 */
public final class FaithfulLines {
    private static final Pattern GROUP_PREFIX = Pattern.compile("^\\[(?:last of )?×[\\d,]+] ");

    private FaithfulLines() {
    }

    public static void assertFaithful(String input, String output) {
        Set<String> inputLines = new HashSet<>(TextLines.split(input));
        for (String line : TextLines.split(output)) {
            String stripped = line.strip();
            if (stripped.startsWith("[… ") || stripped.startsWith("[also ") || Marker.containsMarker(line)
                    || stripped.startsWith("[access log: ") || stripped.startsWith("[top ")) {
                continue;
            }
            String content = GROUP_PREFIX.matcher(line).replaceFirst("");
            if (content.contains(" chars …] ")) {
                String head = content.substring(0, content.indexOf(" [… "));
                assertThat(inputLines.stream().anyMatch(l -> l.startsWith(head))).as("shortened line %s", head).isTrue();
                continue;
            }
            assertThat(inputLines).as("shown line is an input line").contains(content);
        }
    }

    /** The group prefix of the line containing {@code needle}, or an empty string. */
    public static String prefixOf(String output, String needle) {
        List<String> lines = TextLines.split(output);
        for (String line : lines) {
            if (line.contains(needle)) {
                var m = GROUP_PREFIX.matcher(line);
                return m.find() ? m.group() : "";
            }
        }
        return "";
    }
}
