package dev.headroom.compress.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the timestamp in a log line, so that it can be quoted exactly. Stateless. */
public final class Timestamps {
    private static final int SCAN_CHARS = 1_000;
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2}\\b)?"
            + "|\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2}(?: [+-]\\d{4})?"
            + "|\\b[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}"
            + "|\\b\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?\\b");

    private Timestamps() {
    }

    /** The first timestamp in {@code line}, exactly as written, or an empty string. */
    public static String find(String line) {
        String scanned = line.length() > SCAN_CHARS ? line.substring(0, SCAN_CHARS) : line;
        Matcher m = TIMESTAMP.matcher(scanned);
        return m.find() ? m.group() : "";
    }
}
