package dev.headroom.compress.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses grep and ripgrep output: {@code path:line:text} matches, {@code path-line-text} context lines,
 * {@code --} group separators, and ripgrep's heading mode (a path line followed by {@code line:text} lines).
 * Stateless and thread-safe.
 */
final class SearchOutputParser {
    private static final Pattern MATCH = Pattern.compile("^([^\\s\"'<>|][^\"'<>|]*?):(\\d+):(.*)$");
    private static final Pattern CONTEXT = Pattern.compile("^([^\\s\"'<>|][^\"'<>|]*?)-(\\d+)-(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^(\\d+)([:-])(.*)$");
    private static final int MAX_OTHER_PERCENT = 20;

    /** The parsed output, or empty when too little of it looks like search results. */
    Optional<SearchOutput> parse(String text) {
        String[] lines = text.split("\n", -1);
        Map<String, List<SearchHit>> files = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        String heading = null;
        String lastPath = null;
        int hits = 0;
        int nonBlank = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = stripCarriageReturn(lines[i]);
            if (line.isBlank()) {
                heading = null;
                continue;
            }
            nonBlank++;
            if (line.equals("--")) {
                continue;
            }
            SearchHit hit = heading != null ? numbered(heading, line, hits) : null;
            if (hit == null) {
                hit = prefixed(line, lastPath, hits);
            }
            if (hit == null && i + 1 < lines.length && NUMBERED.matcher(stripCarriageReturn(lines[i + 1])).matches()) {
                heading = line;
                continue;
            }
            if (hit == null) {
                other.add(line);
                continue;
            }
            files.computeIfAbsent(hit.path(), p -> new ArrayList<>()).add(hit);
            lastPath = hit.path();
            hits++;
        }
        if (hits < 3 || other.size() * 100 > nonBlank * MAX_OTHER_PERCENT) {
            return Optional.empty();
        }
        return Optional.of(new SearchOutput(files, other, hits));
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static SearchHit numbered(String path, String line, int index) {
        Matcher m = NUMBERED.matcher(line);
        return m.matches() ? new SearchHit(path, m.group(1), m.group(3), m.group(2).equals(":"), index) : null;
    }

    /** A {@code path:N:} or {@code path-N-} line; the previous file's path is tried first. */
    private static SearchHit prefixed(String line, String lastPath, int index) {
        if (lastPath != null && line.length() > lastPath.length() + 2 && line.startsWith(lastPath)) {
            SearchHit hit = afterPath(lastPath, line.substring(lastPath.length()), index);
            if (hit != null) {
                return hit;
            }
        }
        Matcher m = MATCH.matcher(line);
        if (m.matches()) {
            return new SearchHit(m.group(1), m.group(2), m.group(3), true, index);
        }
        m = CONTEXT.matcher(line);
        if (m.matches()) {
            return new SearchHit(m.group(1), m.group(2), m.group(3), false, index);
        }
        return null;
    }

    private static SearchHit afterPath(String path, String rest, int index) {
        char separator = rest.charAt(0);
        if (separator != ':' && separator != '-') {
            return null;
        }
        int end = 1;
        while (end < rest.length() && rest.charAt(end) >= '0' && rest.charAt(end) <= '9') {
            end++;
        }
        if (end == 1 || end >= rest.length() || rest.charAt(end) != separator) {
            return null;
        }
        return new SearchHit(path, rest.substring(1, end), rest.substring(end + 1), separator == ':', index);
    }
}
