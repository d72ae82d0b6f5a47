package dev.headroom.compress.log;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Service and application logs: level words and level fields, exceptions and stack traces, indented
 * continuation lines.
 */
public final class LogDialect implements Dialect {
    private static final int CLASSIFY_CHARS = 2_000;
    private static final String[] HINTS = {"err", "fail", "fatal", "exception", "panic", "crit", "traceback",
        "severe", "warn", "deprecat", "emerg", "alert", "denied", "refused", "unreachable", "timeout", "timed out"};
    private static final Pattern FATAL = Pattern.compile(
            "\\b(?:FATAL|CRITICAL|CRIT|PANIC|EMERG|EMERGENCY|ALERT)\\b"
            + "|(?i:\\blevel\"?[=:] ?\"?(?:fatal|critical|crit|panic|emerg)\\b|\\bpanic:)|^F\\d{4} ");
    private static final Pattern ERROR = Pattern.compile(
            "\\b(?:ERROR|ERR|SEVERE|FAILURE|FAILED)\\b|^E\\d{4} |[a-z]\\w*(?:Exception|Error)\\b"
            + "|(?i:\\b(?:error|errors|exception|traceback|failed|failure|fatal|panic|denied|refused|unreachable"
            + "|timed out)\\b)");
    private static final Pattern ZERO_COUNT = Pattern.compile(
            "(?i)\\b(?:errors?|failures?|failed|fatal|exceptions?)\\b\\s*[=:]?\\s*\"?0\\b|\\b0 (?:errors?|failures?|failed)\\b"
            + "|\\bno errors?\\b|\\berror(?:s|_count)?\"?[=:] ?(?:null|none|false|\\[])");
    private static final Pattern WARN = Pattern.compile(
            "(?i:\\b(?:warn|warning|warnings|deprecated|deprecation)\\b|\\blevel\"?[=:] ?\"?w)|^W\\d{4} ");
    private static final Pattern INFO_LEVEL = Pattern.compile(
            "(?i)(?:^|[\\s\\[|\"])(?:INFO|DEBUG|TRACE|NOTICE)(?:[\\s\\]|:\"]|$)|\\blevel\"?[=:] ?\"?(?:info|debug|trace)");

    @Override
    public Severity classify(String line) {
        String text = line.length() > CLASSIFY_CHARS ? line.substring(0, CLASSIFY_CHARS) : line;
        if (text.isBlank()) {
            return Severity.INFO;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        boolean hinted = false;
        for (String hint : HINTS) {
            if (lower.contains(hint)) {
                hinted = true;
                break;
            }
        }
        if (!hinted) {
            return Severity.INFO;
        }
        if (FATAL.matcher(text).find()) {
            return Severity.FATAL;
        }
        String cleaned = lower.indexOf('0') >= 0 || lower.contains("no error") || lower.contains("error")
                ? ZERO_COUNT.matcher(text).replaceAll("") : text;
        if (ERROR.matcher(cleaned).find()) {
            return leveledBelowError(text) ? Severity.WARN : Severity.ERROR;
        }
        if (WARN.matcher(text).find() || lower.contains("timeout")) {
            return Severity.WARN;
        }
        return Severity.INFO;
    }

    /** An INFO or DEBUG line that merely mentions an error word is worth a warning, not an error. */
    private static boolean leveledBelowError(String text) {
        String head = text.length() > 80 ? text.substring(0, 80) : text;
        return INFO_LEVEL.matcher(head).find() && !head.contains("ERROR") && !head.contains("Error")
                && !StackTraces.isExceptionHeader(text);
    }

    @Override
    public boolean continues(List<String> lines, Severity[] severities, int start, int i) {
        String line = lines.get(i);
        if (line.isBlank()) {
            int next = TextLines.nextNonBlank(lines, i + 1, 2);
            return next > 0 && severities[start].isProblem() && StackTraces.isTraceLine(lines.get(next));
        }
        if (StackTraces.isTraceLine(line)) {
            return true;
        }
        String previous = lines.get(i - 1);
        if (StackTraces.isExceptionHeader(line)
                && (severities[start].isProblem() || TextLines.indent(previous) > 0 || StackTraces.isTraceLine(previous))) {
            return true;
        }
        return TextLines.indent(line) > TextLines.indent(lines.get(start));
    }
}
