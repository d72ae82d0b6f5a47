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
    /** Whole words (case-insensitive) that make a line an error; checked by scanning, not by regex. */
    private static final String[] ERROR_WORDS = {"error", "errors", "exception", "traceback", "failed", "failure",
        "fatal", "panic", "denied", "refused", "unreachable", "timed out"};
    /** Upper-case level words that are errors only in capitals. */
    private static final String[] ERROR_LEVELS = {"ERR", "SEVERE"};
    private static final Pattern EXCEPTION_NAME = Pattern.compile("[a-z]\\w*?(?:Exception|Error)\\b");
    static final Pattern ZERO_COUNT = Pattern.compile(
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
        if (mayBeFatal(text, lower) && FATAL.matcher(text).find()) {
            return Severity.FATAL;
        }
        String cleaned = mayCountZero(lower) ? ZERO_COUNT.matcher(text).replaceAll("") : text;
        if (cleaned == text ? isError(text, lower) : isError(cleaned)) {
            return leveledBelowError(text) ? Severity.WARN : Severity.ERROR;
        }
        if (WARN.matcher(text).find() || lower.contains("timeout")) {
            return Severity.WARN;
        }
        return Severity.INFO;
    }

    /**
     * Cheap pre-check for the zero-count pattern: a problem word next to a 0, "no error", or an error field
     * that is empty.
     */
    static boolean mayCountZero(String lower) {
        boolean error = lower.contains("error");
        if (error && (lower.contains("no error") || lower.contains("null") || lower.contains("none")
                || lower.contains("false") || lower.contains("[]"))) {
            return true;
        }
        for (int at = lower.indexOf('0'); at >= 0; at = lower.indexOf('0', at + 1)) {
            if (countsZeroAt(lower, at)) {
                return true;
            }
        }
        return false;
    }

    private static final String[] COUNTED = {"error", "errors", "failure", "failures", "failed", "fatal", "exception",
        "exceptions"};

    /** Whether the 0 at {@code at} follows a problem word ({@code errors: 0}) or precedes one ({@code 0 failed}). */
    private static boolean countsZeroAt(String lower, int at) {
        if (lower.startsWith("0 err", at) || lower.startsWith("0 fail", at)) {
            return true;
        }
        int end = at;
        while (end > 0 && " \t\n\u000B\f\r=:\"".indexOf(lower.charAt(end - 1)) >= 0) { // the pattern allows \s, [=:] and a quote here
            end--;
        }
        for (String word : COUNTED) {
            if (lower.startsWith(word, end - word.length())) {
                return true;
            }
        }
        return false;
    }

    /** Cheap pre-check for the fatal pattern, which most lines cannot match. */
    private static boolean mayBeFatal(String text, String lower) {
        return lower.contains("fatal") || lower.contains("crit") || lower.contains("panic") || lower.contains("emerg")
                || lower.contains("alert") || text.length() > 1 && text.charAt(0) == 'F' && Character.isDigit(text.charAt(1));
    }

    /**
     * Error words as whole words in any case, ERR/SEVERE in capitals, glog's {@code E1234 } prefix, or an
     * exception or error type name ({@code NullPointerException}, {@code ValueError}).
     */
    static boolean isError(String text) {
        return isError(text, text.toLowerCase(Locale.ROOT));
    }

    private static boolean isError(String text, String lower) {
        for (String word : ERROR_WORDS) {
            if (containsWord(lower, word)) {
                return true;
            }
        }
        for (String level : ERROR_LEVELS) {
            if (containsWord(text, level)) {
                return true;
            }
        }
        if (text.length() > 5 && text.charAt(0) == 'E' && Character.isDigit(text.charAt(1)) && Character.isDigit(text.charAt(2))
                && Character.isDigit(text.charAt(3)) && Character.isDigit(text.charAt(4)) && text.charAt(5) == ' ') {
            return true;
        }
        return (text.contains("Exception") || text.contains("Error")) && EXCEPTION_NAME.matcher(text).find();
    }

    /** Whether {@code word} occurs in {@code text} with no word character (letter, digit, _) on either side. */
    private static boolean containsWord(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            if ((at == 0 || !isWordChar(text.charAt(at - 1))) && (end == text.length() || !isWordChar(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** An INFO or DEBUG line that merely mentions an error word is worth a warning, not an error. */
    private static boolean leveledBelowError(String text) {
        String head = text.length() > 80 ? text.substring(0, 80) : text;
        if (!mentionsLowLevel(head.toLowerCase(Locale.ROOT))) {
            return false; // cheap pre-check: the level pattern needs one of these words
        }
        return INFO_LEVEL.matcher(head).find() && !head.contains("ERROR") && !head.contains("Error")
                && !StackTraces.isExceptionHeader(text);
    }

    private static boolean mentionsLowLevel(String lowerHead) {
        return lowerHead.contains("info") || lowerHead.contains("debug") || lowerHead.contains("trace")
                || lowerHead.contains("notice");
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
