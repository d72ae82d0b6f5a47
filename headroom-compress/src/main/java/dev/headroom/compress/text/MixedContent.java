package dev.headroom.compress.text;

import dev.headroom.spi.CompressionContext;
import dev.headroom.wire.JsonCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a text into its own lines and the clearly delimited parts of another kind that it embeds: fenced
 * blocks of JSON, logs, XML, HTML, diffs or tables; unfenced JSON objects and arrays; and runs of log lines.
 * Embedded parts go through {@link CompressionContext#compressPart} and are put back in place.
 */
public final class MixedContent {
    private static final Set<String> ROUTED_INFO = Set.of("json", "jsonc", "json5", "jsonl", "ndjson", "log",
            "logs", "xml", "html", "diff", "patch", "csv", "tsv", "stacktrace");
    private static final Set<String> PLAIN_INFO = Set.of("", "text", "txt", "plain", "plaintext", "output",
            "console");
    private static final Pattern LOG_LINE = Pattern.compile(
            "^(?:\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}"
            + "|\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3} \\S+ \\S+ \\["
            + "|[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}"
            + "|\\d{2}:\\d{2}:\\d{2}[.,]?\\d*\\s"
            + "|\\[?(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL)\\]?[ :]"
            + "|[IWEF]\\d{4} \\d{2}:\\d{2}"
            + "|\\{\"(?:level|time|timestamp|ts|msg|severity)\")");
    private static final Pattern CONTINUATION = Pattern.compile(
            "^(?:\\s+at |\\s*Caused by:|\\s+\\.\\.\\. \\d+ more|\\s*Traceback |\\s+File \")");
    private static final int MIN_LOG_LINES = 8;

    private MixedContent() {
    }

    /**
     * One part of a text: either the text's own lines, or an embedded part whose {@link #body()} is routed
     * on its own, between an opening and a closing line (the fences, or empty).
     */
    public record Part(String body, boolean embedded, String open, String close) {
        static Part own(String text) {
            return new Part(text, false, "", "");
        }

        /** This part rendered with {@code body} in place of its own body. */
        public String render(String newBody) {
            return open + newBody + close;
        }

        /** The part's original text. */
        public String text() {
            return render(body);
        }
    }

    /**
     * Splits {@code text} into parts that, joined with {@code \n}, give back {@code text} with its line
     * endings normalised to {@code \n}.
     *
     * @param minChars the smallest embedded part worth routing
     */
    public static List<Part> split(String text, int minChars) {
        String[] lines = LosslessText.splitLines(text);
        List<Part> parts = new ArrayList<>();
        int ownStart = 0;
        int i = 0;
        long jsonBudget = 4L * text.length() + 1_000;
        while (i < lines.length) {
            String line = lines[i];
            Fence fence = Fence.open(line);
            if (fence != null) {
                int close = Fence.closingLine(lines, i, fence);
                String body = join(lines, i + 1, Math.min(close, lines.length));
                if (close < lines.length && body.length() >= minChars && routable(fence.info(), body)) {
                    addOwn(parts, lines, ownStart, i);
                    parts.add(new Part(body, true, line + "\n", "\n" + lines[close]));
                    ownStart = close + 1;
                }
                i = close + 1;
                continue;
            }
            String lead = line.stripLeading();
            if (jsonBudget > 0 && (lead.startsWith("{") || lead.startsWith("["))) {
                int[] scanned = new int[1];
                int end = JsonSpan.endLine(lines, i, scanned);
                jsonBudget -= scanned[0];
                if (end >= 0) {
                    String body = join(lines, i, end + 1);
                    if (body.length() >= minChars && isJson(body)) {
                        addOwn(parts, lines, ownStart, i);
                        parts.add(new Part(body, true, "", ""));
                        ownStart = end + 1;
                        i = end + 1;
                        continue;
                    }
                }
            }
            if (LOG_LINE.matcher(line).find()) {
                int end = logRunEnd(lines, i);
                String body = join(lines, i, end);
                if (logLines(lines, i, end) >= MIN_LOG_LINES && body.length() >= minChars) {
                    addOwn(parts, lines, ownStart, i);
                    parts.add(new Part(body, true, "", ""));
                    ownStart = end;
                }
                i = Math.max(end, i + 1);
                continue;
            }
            i++;
        }
        addOwn(parts, lines, ownStart, lines.length);
        return parts;
    }

    /** Whether any part of {@code parts} is embedded. */
    public static boolean hasEmbedded(List<Part> parts) {
        return parts.stream().anyMatch(Part::embedded);
    }

    /** Routes every embedded part through the context and returns the parts' texts, in order. */
    public static List<String> routeEmbedded(List<Part> parts, CompressionContext context) {
        List<String> out = new ArrayList<>(parts.size());
        for (Part part : parts) {
            out.add(part.embedded() ? part.render(context.compressPart(part.body())) : part.body());
        }
        return out;
    }

    private static boolean routable(String info, String body) {
        if (ROUTED_INFO.contains(info)) {
            return true;
        }
        if (!PLAIN_INFO.contains(info)) {
            return false;
        }
        String lead = body.stripLeading();
        if (lead.startsWith("{") || lead.startsWith("[")) {
            return isJson(body);
        }
        String[] lines = LosslessText.splitLines(body);
        int logs = logLines(lines, 0, lines.length);
        return logs >= MIN_LOG_LINES && logs * 10 >= nonBlank(lines) * 6;
    }

    private static int logRunEnd(String[] lines, int start) {
        int end = start;
        int gap = 0;
        while (end < lines.length) {
            String line = lines[end];
            if (LOG_LINE.matcher(line).find() || CONTINUATION.matcher(line).find()) {
                gap = 0;
            } else if (line.isBlank() && gap == 0) {
                gap = 1;
            } else {
                break;
            }
            end++;
        }
        return end - gap;
    }

    private static int logLines(String[] lines, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (LOG_LINE.matcher(lines[i]).find()) {
                n++;
            }
        }
        return n;
    }

    private static int nonBlank(String[] lines) {
        int n = 0;
        for (String line : lines) {
            if (!line.isBlank()) {
                n++;
            }
        }
        return Math.max(1, n);
    }

    private static boolean isJson(String body) {
        try {
            return JsonCodec.parse(body).isContainerNode();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void addOwn(List<Part> parts, String[] lines, int from, int to) {
        if (to > from) {
            parts.add(Part.own(join(lines, from, to)));
        }
    }

    private static String join(String[] lines, int from, int to) {
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, to));
    }
}
