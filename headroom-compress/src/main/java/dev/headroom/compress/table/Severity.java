package dev.headroom.compress.table;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises error- and warning-level values in structured data: a {@code "status":"failed"} field, a pino
 * {@code "level":50}, a non-zero exit code, an HTTP 5xx, a non-empty {@code "error"} field, a
 * {@code "state":"firing"} alert. Stateless.
 */
public final class Severity {
    /** No signal. */
    public static final int NONE = 0;
    /** Warning level: kept when the budget allows. */
    public static final int WARN = 1;
    /** Error level: always kept (up to a cap). */
    public static final int ERROR = 2;

    private static final Set<String> ERROR_WORDS = Set.of(
            "error", "errors", "err", "errored", "fail", "failed", "failure", "failing", "fatal", "critical", "crit",
            "panic", "emerg", "emergency", "crash", "crashed", "crashloopbackoff", "oomkilled", "imagepullbackoff",
            "errimagepull", "createcontainerconfigerror", "createcontainererror", "evicted", "killed", "timeout",
            "timedout", "timed_out", "aborted", "denied", "rejected", "unhealthy", "down", "firing", "broken",
            "blocker", "exception", "severe", "unreachable", "refused", "invalid", "offline", "dead", "lost");
    private static final Set<String> WARN_WORDS = Set.of(
            "warn", "warning", "warnings", "pending", "degraded", "high", "major", "retry", "retrying", "backoff",
            "throttled", "cancelled", "canceled", "notready", "terminating", "deprecated", "unstable", "skipped",
            "moderate", "alert", "notice");
    /** Keys whose value names a state or level. */
    private static final Set<String> STATE_KEYS = Set.of(
            "status", "state", "phase", "health", "conclusion", "result", "outcome", "condition", "reason",
            "readiness", "lifecycle");
    private static final Set<String> LEVEL_KEYS = Set.of(
            "level", "severity", "loglevel", "lvl", "priority", "type", "kind", "category", "levelname");
    private static final Set<String> ERROR_KEYS = Set.of(
            "error", "err", "errors", "exception", "exceptions", "stack", "stacktrace", "errormessage", "errmsg",
            "failure", "failures", "fault", "panic", "traceback");
    private static final Set<String> EXIT_KEYS = Set.of(
            "exit", "exitcode", "exitstatus", "returncode", "rc", "retcode");
    private static final Set<String> HTTP_KEYS = Set.of(
            "status", "statuscode", "httpstatus", "code", "responsecode", "httpcode");
    private static final Set<String> TRUTH_KEYS = Set.of("ok", "success", "succeeded", "passed", "healthy");
    private static final Set<String> READY_KEYS = Set.of("ready", "available", "reachable");
    private static final Set<String> MESSAGE_KEYS = Set.of(
            "msg", "message", "text", "log", "line", "detail", "details", "output", "stderr", "reason");
    private static final Pattern MESSAGE_ERROR = Pattern.compile(
            "(?i)\\b(?:exception|error|fatal|panic|traceback|failed|failure|refused|timed? ?out|segfault|oom)\\b");

    private Severity() {
    }

    /**
     * The level of one scalar field.
     *
     * @param key   the field's own name (not its path); empty for array elements and plain lines
     * @param text  the value as text ({@code null} for JSON null)
     * @param kind  what the value is
     * @return {@link #NONE}, {@link #WARN} or {@link #ERROR}
     */
    public static int classify(String key, String text, ValueKind kind) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        String k = normalise(key);
        switch (kind) {
            case NUMBER:
                return number(k, text);
            case BOOLEAN:
                return bool(k, text);
            case STRING:
                return string(k, text);
            default:
                return NONE;
        }
    }

    /** How strongly a signal under {@code key} speaks for its row: state fields 3, level fields 2, others 1. */
    public static int weight(String key) {
        String k = normalise(key);
        if (STATE_KEYS.contains(k)) {
            return 3;
        }
        return LEVEL_KEYS.contains(k) ? 2 : 1;
    }

    /** Whether a non-null, non-empty value under {@code key} is itself an error report (e.g. {@code "error":{...}}). */
    public static boolean isErrorKey(String key) {
        return ERROR_KEYS.contains(normalise(key));
    }

    /** Whether {@code text} reads like an error message (exception, failed, refused, ...). */
    public static boolean mentionsError(String text) {
        return text.length() >= 5 && MESSAGE_ERROR.matcher(text).find();
    }

    private static int number(String k, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return NONE;
        }
        if (k.equals("level") && v >= 40 && v <= 60 && v == Math.rint(v)) { // pino / bunyan levels
            return v >= 50 ? ERROR : WARN;
        }
        if (EXIT_KEYS.contains(k)) {
            return v != 0 ? ERROR : NONE;
        }
        if (HTTP_KEYS.contains(k) && v == Math.rint(v)) {
            if (v >= 500 && v <= 599) {
                return ERROR;
            }
            return v >= 400 && v <= 499 ? WARN : NONE;
        }
        if ((k.contains("error") || k.contains("fail")) && v > 0) {
            return WARN;
        }
        return NONE;
    }

    private static int bool(String k, String text) {
        if (!text.equals("false")) {
            return NONE;
        }
        if (TRUTH_KEYS.contains(k)) {
            return ERROR;
        }
        return READY_KEYS.contains(k) ? WARN : NONE;
    }

    private static int string(String k, String text) {
        if (ERROR_KEYS.contains(k)) {
            return ERROR;
        }
        if (text.length() <= 40) {
            String word = text.strip().toLowerCase(Locale.ROOT);
            int level = word(word);
            if (level != NONE) {
                return level;
            }
            if (STATE_KEYS.contains(k) || LEVEL_KEYS.contains(k)) {
                if (word.startsWith("err") || word.startsWith("fail") || word.contains("error")) {
                    return ERROR;
                }
                if (word.startsWith("warn")) {
                    return WARN;
                }
            }
            if (HTTP_KEYS.contains(k) && word.length() == 3 && (word.startsWith("5") || word.startsWith("4"))
                    && Character.isDigit(word.charAt(1)) && Character.isDigit(word.charAt(2))) {
                return word.startsWith("5") ? ERROR : WARN;
            }
        }
        if ((MESSAGE_KEYS.contains(k) || k.isEmpty()) && mentionsError(text)) {
            return k.isEmpty() ? ERROR : WARN;
        }
        return NONE;
    }

    private static int word(String word) {
        if (ERROR_WORDS.contains(word)) {
            return ERROR;
        }
        return WARN_WORDS.contains(word) ? WARN : NONE;
    }

    private static String normalise(String key) {
        if (key == null || key.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    /** What kind of scalar a value is. */
    public enum ValueKind { STRING, NUMBER, BOOLEAN, NULL }
}
