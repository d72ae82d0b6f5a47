package dev.headroom.compress.log;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A set of alternative line patterns, split for speed: alternatives written with a leading {@code ^} are tried
 * only at the start of the line ({@code lookingAt}), the others anywhere ({@code find}), and the search
 * anywhere only when the lower-cased line contains one of the hints (when hints are given). Thread-safe.
 */
public final class LinePattern {
    private final Pattern start;
    private final Pattern anywhere;
    private final String[] hints;

    private LinePattern(Pattern start, Pattern anywhere, String[] hints) {
        this.start = start;
        this.anywhere = anywhere;
        this.hints = hints;
    }

    /**
     * The same pattern, searching anywhere only in lines whose lower-cased text contains one of {@code hints};
     * every unanchored alternative must contain one of them.
     */
    public LinePattern withHints(String... lowerCaseHints) {
        return new LinePattern(start, anywhere, lowerCaseHints.clone());
    }

    /** Alternatives, each a regular expression; those that begin with {@code ^} are anchored at the line start. */
    public static LinePattern of(String... alternatives) {
        List<String> anchored = new ArrayList<>();
        List<String> free = new ArrayList<>();
        for (String alternative : alternatives) {
            if (alternative.startsWith("^")) {
                anchored.add("(?:" + alternative.substring(1) + ")");
            } else {
                free.add("(?:" + alternative + ")");
            }
        }
        return new LinePattern(anchored.isEmpty() ? null : Pattern.compile(String.join("|", anchored)),
                free.isEmpty() ? null : Pattern.compile(String.join("|", free)), new String[0]);
    }

    /** Whether any alternative matches {@code line}. */
    public boolean matches(String line) {
        return matches(line, hints.length == 0 ? line : line.toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether any alternative matches {@code line}, whose lower-cased form is {@code lower}. */
    public boolean matches(String line, String lower) {
        if (start != null && start.matcher(line).lookingAt()) {
            return true;
        }
        if (anywhere == null) {
            return false;
        }
        if (hints.length > 0 && !containsAny(lower, hints)) {
            return false;
        }
        return anywhere.matcher(line).find();
    }

    /** Whether {@code text} contains any of {@code needles}. */
    public static boolean containsAny(String text, String[] needles) {
        for (String needle : needles) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
