package dev.headroom.compress.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses unified diffs as {@code git diff}, {@code git show} and {@code git log -p} print them: text before and
 * between file diffs (commit headers and messages), file headers, and hunks whose length comes from their
 * {@code @@} counts. Gives nothing when there is no file diff or a hunk header is malformed.
 * Stateless and thread-safe.
 */
final class DiffParser {
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@(.*)$");
    private static final String[] HEADER_PREFIXES = {"index ", "new file mode", "deleted file mode", "old mode", "new mode",
        "similarity index", "dissimilarity index", "rename from", "rename to", "copy from", "copy to", "--- ", "+++ ",
        "Binary files ", "GIT binary patch"};

    Optional<List<DiffPart>> parse(String text) {
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        List<DiffPart> parts = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        int i = 0;
        boolean anyFile = false;
        while (i < count) {
            String line = lines[i];
            boolean fileStart = line.startsWith("diff --git ")
                    || line.startsWith("--- ") && i + 1 < count && lines[i + 1].startsWith("+++ ");
            if (!fileStart) {
                outside.add(line);
                i++;
                continue;
            }
            if (!outside.isEmpty()) {
                parts.add(new DiffPart.Text(outside));
                outside = new ArrayList<>();
            }
            int[] next = new int[1];
            Optional<DiffPart.FileDiff> file = parseFile(lines, count, i, next);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            parts.add(file.get());
            anyFile = true;
            i = next[0];
        }
        if (!outside.isEmpty()) {
            parts.add(new DiffPart.Text(outside));
        }
        return anyFile ? Optional.of(parts) : Optional.empty();
    }

    private static Optional<DiffPart.FileDiff> parseFile(String[] lines, int count, int start, int[] next) {
        List<String> header = new ArrayList<>();
        header.add(lines[start]);
        int i = start + 1;
        while (i < count && isHeaderLine(lines[i])) {
            header.add(lines[i]);
            i++;
        }
        List<Hunk> hunks = new ArrayList<>();
        while (i < count && lines[i].startsWith("@@ ")) {
            String headerLine = lines[i];
            Matcher m = HUNK.matcher(headerLine);
            if (!m.matches()) {
                return Optional.empty();
            }
            int oldLeft = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int newLeft = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            List<String> body = new ArrayList<>();
            i++;
            while (i < count && (oldLeft > 0 || newLeft > 0 || lines[i].startsWith("\\"))) {
                String line = lines[i];
                char kind = line.isEmpty() ? ' ' : line.charAt(0);
                if (kind == ' ' && oldLeft > 0 && newLeft > 0) {
                    oldLeft--;
                    newLeft--;
                } else if (kind == '-' && oldLeft > 0) {
                    oldLeft--;
                } else if (kind == '+' && newLeft > 0) {
                    newLeft--;
                } else if (kind != '\\') {
                    break;
                }
                body.add(line);
                i++;
            }
            hunks.add(new Hunk(headerLine, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)),
                    m.group(5), body));
        }
        next[0] = i;
        return Optional.of(new DiffPart.FileDiff(header, path(header), hunks));
    }

    private static boolean isHeaderLine(String line) {
        for (String prefix : HEADER_PREFIXES) {
            if (line.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The new path from {@code +++ b/x}, else the old from {@code --- a/x}, else from {@code diff --git a/x b/x}. */
    static String path(List<String> header) {
        String oldPath = "";
        for (String line : header) {
            if (line.startsWith("+++ ") && !line.startsWith("+++ /dev/null")) {
                return strip(line.substring(4));
            }
            if (line.startsWith("--- ") && !line.startsWith("--- /dev/null")) {
                oldPath = strip(line.substring(4));
            }
        }
        if (!oldPath.isEmpty()) {
            return oldPath;
        }
        String first = header.get(0);
        int b = first.lastIndexOf(" b/");
        return b >= 0 ? first.substring(b + 3) : first;
    }

    private static String strip(String path) {
        int tab = path.indexOf('\t');
        String p = tab >= 0 ? path.substring(0, tab) : path;
        return p.startsWith("a/") || p.startsWith("b/") ? p.substring(2) : p;
    }
}
