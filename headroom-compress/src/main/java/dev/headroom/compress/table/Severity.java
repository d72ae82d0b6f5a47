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
    private static final String[] ERROR_STEMS = {
        "exception", "error", "fatal", "panic", "traceback", "fail", "refused", "time", "segfault", "oom"};
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
        return classify(key(key), text, kind);
    }

    /** Like {@link #classify(String, String, ValueKind)} with the key already studied (cheaper in loops). */
    public static int classify(Key key, String text, ValueKind kind) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        switch (kind) {
            case NUMBER:
                return key.numeric ? number(key, text) : NONE;
            case BOOLEAN:
                return bool(key, text);
            case STRING:
                return string(key, text);
            default:
                return NONE;
        }
    }

    /** What a field name says about its values; study it once per name and reuse it. */
    public static Key key(String name) {
        return new Key(normalise(name));
    }

    /** How strongly a signal under {@code key} speaks for its row: state fields 3, level fields 2, others 1. */
    public static int weight(String key) {
        return key(key).weight();
    }

    /** Whether a non-null, non-empty value under {@code key} is itself an error report (e.g. {@code "error":{...}}). */
    public static boolean isErrorKey(String key) {
        return key(key).error;
    }

    /** Whether {@code text} reads like an error message (exception, failed, refused, ...). */
    public static boolean mentionsError(String text) {
        if (text.length() < 3) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String stem : ERROR_STEMS) {
            if (lower.contains(stem)) {
                return MESSAGE_ERROR.matcher(text).find();
            }
        }
        return false;
    }

    private static int number(Key k, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return NONE;
        }
        if (k.level && v >= 40 && v <= 60 && v == Math.rint(v)) { // pino / bunyan levels
            return v >= 50 ? ERROR : WARN;
        }
        if (k.exit) {
            return v != 0 ? ERROR : NONE;
        }
        if (k.http && v == Math.rint(v)) {
            if (v >= 500 && v <= 599) {
                return ERROR;
            }
            return v >= 400 && v <= 499 ? WARN : NONE;
        }
        return k.errorCount && v > 0 ? WARN : NONE;
    }

    private static int bool(Key k, String text) {
        if (!text.equals("false")) {
            return NONE;
        }
        if (k.truth) {
            return ERROR;
        }
        return k.ready ? WARN : NONE;
    }

    private static int string(Key k, String text) {
        if (k.error) {
            return ERROR;
        }
        if (text.length() <= 40) {
            String word = text.strip().toLowerCase(Locale.ROOT);
            int level = word(word);
            if (level != NONE) {
                return level;
            }
            if (k.state || k.levelLike) {
                if (word.startsWith("err") || word.startsWith("fail") || word.contains("error")) {
                    return ERROR;
                }
                if (word.startsWith("warn")) {
                    return WARN;
                }
            }
            if (k.http && word.length() == 3 && (word.startsWith("5") || word.startsWith("4"))
                    && Character.isDigit(word.charAt(1)) && Character.isDigit(word.charAt(2))) {
                return word.startsWith("5") ? ERROR : WARN;
            }
        }
        if ((k.message || k.name.isEmpty()) && mentionsError(text)) {
            return k.name.isEmpty() ? ERROR : WARN;
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

    /** What a field name says about its values: which vocabulary applies. Immutable. */
    public static final class Key {
        final String name;
        final boolean state;
        final boolean levelLike;
        final boolean level;
        final boolean error;
        final boolean exit;
        final boolean http;
        final boolean truth;
        final boolean ready;
        final boolean message;
        final boolean errorCount;
        final boolean numeric;

        private Key(String name) {
            this.name = name;
            state = STATE_KEYS.contains(name);
            levelLike = LEVEL_KEYS.contains(name);
            level = name.equals("level");
            error = ERROR_KEYS.contains(name);
            exit = EXIT_KEYS.contains(name);
            http = HTTP_KEYS.contains(name);
            truth = TRUTH_KEYS.contains(name);
            ready = READY_KEYS.contains(name);
            message = MESSAGE_KEYS.contains(name);
            errorCount = name.contains("error") || name.contains("fail");
            numeric = level || exit || http || errorCount;
        }

        /** Whether a non-empty object or array under this name is an error report. */
        public boolean isError() {
            return error;
        }

        /** State fields 3, level fields 2, others 1. */
        public int weight() {
            if (state) {
                return 3;
            }
            return levelLike ? 2 : 1;
        }
    }

    /** What kind of scalar a value is. */
    public enum ValueKind { STRING, NUMBER, BOOLEAN, NULL }
}
