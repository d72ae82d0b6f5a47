package dev.headroom.pipeline;

import dev.headroom.spi.ContentType;

import java.util.regex.Pattern;

/**
 * Decides what kind of text a tool output is, by looking at a bounded prefix (so detection costs the same
 * for a 1 KB and a 10 MB output). Stateless and thread-safe.
 */
public final class ContentDetector {
    /** How much of the text detection reads. */
    public static final int PREFIX_CHARS = 8_192;
    private static final int SAMPLE_LINES = 60;

    /** Line numbers as Claude Code's Read ({@code "    12\t"}) and SWE-agent's viewer ({@code "12:"}) print them. */
    private static final Pattern LINE_NUMBER_PREFIX = Pattern.compile("^ *\\d+(?:\\t|:|\u2192)", Pattern.MULTILINE);
    /** ripgrep's heading mode: a path line, then {@code N:match} and {@code N-context} lines. */
    private static final Pattern HEADING_PATH = Pattern.compile("^(?:\\./)?[\\w@.~+-]+(?:/[\\w@.~+-]+)*\\.?[\\w-]*$");
    private static final Pattern HEADING_HIT = Pattern.compile("^\\d+[:-]");
    private static final Pattern MARKDOWN_LINE = Pattern.compile("^(?:#{1,6} |[-*] |\\d+\\. |> |```)|\\]\\(|\\*\\*\\w");
    private static final Pattern ISO_DATE = Pattern.compile("^\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}");
    /**
     * {@code path:12:match}, or {@code path-12-context} where the path has a dot or a slash (so that names
     * such as {@code api-0-7f9c} in a table are not taken for context lines).
     */
    private static final Pattern SEARCH_LINE = Pattern.compile(
            "^(?:\\./)?(?:[\\w@.~+-]*[A-Za-z_./~][\\w@.~/+\\\\-]*:\\d+[:-]"
            + "|[\\w@~+-]*[./][\\w@.~/+\\\\-]*-\\d+-)");
    private static final Pattern LOG_LINE = Pattern.compile(
            "^(?:\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}"           // ISO timestamp
            + "|\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3} \\S+ \\S+ \\["  // access log
            + "|[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}"           // syslog
            + "|\\d{2}:\\d{2}:\\d{2}"                                  // time of day
            + "|\\[?(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL)\\]?[ :]"
            + "|[IWEF]\\d{4} \\d{2}:\\d{2}"                            // glog
            + "|\\{\"(?:level|time|timestamp|ts|msg|severity)\""        // JSON lines log
            + "|level=|ts=|time="
            + "|[A-Z][\\w ]{0,40}(?:[Ee]rror|ERROR|[Ee]xception|[Ff]ailed|[Ww]arning)[:!] )");
    private static final Pattern BUILD_LINE = Pattern.compile(
            "^(?:\\d{2}:\\d{2}:\\d{2} )?\\s*(?:\\[(?:INFO|WARNING|WARN|ERROR)\\] |-->\\s+\\S+:\\d+:\\d+|\\d*\\s+\\|(?: |$)|= (?:note|help): |help: |Build started|Target \\w+:|Project \"|Done Building Project"
            + "|\\[\\d+/\\d+\\] (?:Building|Linking)|BUILD (?:SUCCESS|FAILURE|FAILED)|Tests run: |> Task |FAILURE: "
            + "|=+ (?:test session starts|FAILURES|ERRORS|short test summary)|PASSED|FAILED|npm (?:ERR!|WARN)"
            + "|error(?:\\[E\\d+])?: |warning: |\\s+Compiling |\\s+Finished |\\s+Running |make(?:\\[\\d+])?: "
            + "|\\[\\d+/\\d+] |-- |Build (?:succeeded|FAILED)|\\s*\\d+ Warning\\(s\\)|\\s*\\d+ Error\\(s\\)"
            + "|Started by |Building in workspace |\\[Pipeline\\] |Finished: (?:SUCCESS|FAILURE)"
            + "|[\\w.$]+ > .+ (?:PASSED|FAILED|SKIPPED)\\s*$)"); // Gradle test events
    /** Compiler diagnostics anywhere in a line; only tried on lines that say "error" or "warning". */
    private static final Pattern DIAGNOSTIC = Pattern.compile(
            "\\b(?:error|warning) (?:CS|MSB|C|LNK)\\d+:|\\.(?:c|cc|cpp|h|hpp|cs|java|kt|rs|go|ts|js|py)[:(]\\d+.*(?:error|warning)");
    private static final Pattern JAVA = Pattern.compile(
            "^(?:package [\\w.]+;|import (?:static )?[\\w.*]+;|(?:public |protected |private |abstract |final )*(?:class|interface|enum|record) \\w+)",
            Pattern.MULTILINE);
    private static final Pattern PYTHON = Pattern.compile(
            "^(?:def \\w+\\(|class \\w+[(:]|from [\\w.]+ import |import \\w+|if __name__ == |\\s+def \\w+\\(self)",
            Pattern.MULTILINE);
    private static final Pattern GO = Pattern.compile("^(?:package \\w+$|func (?:\\(\\w+ \\*?\\w+\\) )?\\w+\\(|import \\()", Pattern.MULTILINE);
    private static final Pattern RUST = Pattern.compile("^(?:use [\\w:{}, ]+;|(?:pub(?:\\(crate\\))? )?(?:fn|struct|enum|impl|trait|mod) \\w+)", Pattern.MULTILINE);
    private static final Pattern TYPESCRIPT = Pattern.compile(
            "^(?:import .* from ['\"]|export (?:default |async )?(?:function|class|const|interface|type)|(?:async )?function \\w+\\(|const \\w+ = (?:\\(|async|require\\())",
            Pattern.MULTILINE);
    private static final Pattern TS_ONLY = Pattern.compile("(?:interface \\w+ \\{|: (?:string|number|boolean)\\b|export type )");

    /** Detects the type of {@code text}. */
    public Detection detect(String text) {
        String prefix = text.length() > PREFIX_CHARS ? text.substring(0, PREFIX_CHARS) : text;
        String trimmed = prefix.stripLeading();
        if (trimmed.isEmpty()) {
            return Detection.of(ContentType.TEXT);
        }
        char first = trimmed.charAt(0);
        if ((first == '{' || first == '[') && looksLikeJson(text, trimmed)) {
            return Detection.of(ContentType.JSON);
        }
        if (trimmed.startsWith("diff --git ") || trimmed.startsWith("--- ") && prefix.contains("\n+++ ") && prefix.contains("\n@@ ")
                || prefix.contains("\ndiff --git ")) {
            return Detection.of(ContentType.DIFF);
        }
        String[] lines = prefix.split("\n", SAMPLE_LINES + 1);
        int sampled = Math.min(lines.length, SAMPLE_LINES);
        if (first == '<') {
            String head = trimmed.substring(0, Math.min(trimmed.length(), 300)).toLowerCase(java.util.Locale.ROOT);
            if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<head") || head.contains("<body")) {
                return Detection.of(ContentType.HTML);
            }
            if (!head.startsWith("<?xml") && looksLikeMarkdown(lines, sampled)) {
                return Detection.of(ContentType.PROSE); // markdown that opens with an HTML block
            }
            if (head.startsWith("<?xml") || head.matches("(?s)^<[a-z_][\\w:.-]*[ >/].*")) {
                return Detection.of(ContentType.XML);
            }
        }
        String code = LINE_NUMBER_PREFIX.matcher(prefix).replaceAll("");
        int nonEmpty = 0;
        int search = 0;
        int log = 0;
        int build = 0;
        // the line patterns are anchored at the start: lookingAt, not find, which would try every position
        for (int i = 0; i < sampled; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            nonEmpty++;
            boolean iso = ISO_DATE.matcher(line).lookingAt();
            if (!iso && SEARCH_LINE.matcher(line).lookingAt()) {
                search++;
            }
            if (LOG_LINE.matcher(line).lookingAt()) {
                log++;
            }
            if (BUILD_LINE.matcher(line).lookingAt()
                    || (line.contains("error") || line.contains("warning")) && DIAGNOSTIC.matcher(line).find()) {
                build++;
            }
        }
        if (nonEmpty == 0) {
            return Detection.of(ContentType.TEXT);
        }
        if (search * 10 >= nonEmpty * 6 && log * 10 < nonEmpty * 3 || isRipgrepHeading(lines, sampled)) {
            return Detection.of(ContentType.SEARCH_RESULTS);
        }
        if (build * 10 >= nonEmpty * 2 && build >= 3 || build * 10 >= nonEmpty * 5 && build >= 1) {
            return Detection.of(ContentType.BUILD_OUTPUT);
        }
        if (log * 10 >= nonEmpty * 4) {
            return Detection.of(ContentType.LOG);
        }
        String language = codeLanguage(code);
        if (!language.isEmpty()) {
            return new Detection(ContentType.SOURCE_CODE, language);
        }
        if (looksLikeTable(lines, sampled)) {
            return Detection.of(ContentType.CSV);
        }
        if (looksLikeProse(prefix)) {
            return Detection.of(ContentType.PROSE);
        }
        return Detection.of(ContentType.TEXT);
    }

    private static boolean looksLikeJson(String text, String trimmedPrefix) {
        String end = text.stripTrailing();
        char last = end.isEmpty() ? ' ' : end.charAt(end.length() - 1);
        char first = trimmedPrefix.charAt(0);
        if (!(first == '{' && last == '}' || first == '[' && last == ']')) {
            return false;
        }
        // "[INFO] ..." and "{{template}}" open with a bracket too; JSON continues with a value or a key.
        String rest = trimmedPrefix.substring(1).stripLeading();
        if (rest.isEmpty()) {
            return true;
        }
        char next = rest.charAt(0);
        return first == '{' ? next == '"' || next == '}'
                : next == '{' || next == '[' || next == '"' || next == ']' || next == '-' || Character.isDigit(next)
                || rest.startsWith("true") || rest.startsWith("false") || rest.startsWith("null");
    }

    private static boolean isRipgrepHeading(String[] lines, int sampled) {
        int paths = 0;
        int hits = 0;
        int other = 0;
        for (int i = 0; i < sampled; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (HEADING_HIT.matcher(line).find()) {
                hits++;
            } else if (HEADING_PATH.matcher(line).find() && (line.contains("/") || line.contains("."))) {
                paths++;
            } else {
                other++;
            }
        }
        return paths >= 1 && hits >= 2 && other * 10 <= (paths + hits + other) && lines.length > 0
                && HEADING_PATH.matcher(lines[0]).find();
    }

    private static boolean looksLikeMarkdown(String[] lines, int sampled) {
        int hits = 0;
        for (int i = 0; i < sampled; i++) {
            if (MARKDOWN_LINE.matcher(lines[i]).find()) {
                hits++;
            }
        }
        return hits >= 3;
    }

    private static String codeLanguage(String code) {
        int java = count(JAVA, code);
        int python = count(PYTHON, code);
        int go = count(GO, code);
        int rust = count(RUST, code);
        int ts = count(TYPESCRIPT, code);
        int best = Math.max(Math.max(java, python), Math.max(Math.max(go, rust), ts));
        if (best < 2) {
            return "";
        }
        if (best == java) {
            return "java";
        }
        if (best == go && code.contains("func ")) {
            return "go";
        }
        if (best == rust) {
            return "rust";
        }
        if (best == python) {
            return "python";
        }
        return TS_ONLY.matcher(code).find() ? "typescript" : "javascript";
    }

    private static int count(Pattern pattern, String text) {
        int n = 0;
        var m = pattern.matcher(text);
        while (m.find() && n < 50) {
            n++;
        }
        return n;
    }

    private static boolean looksLikeTable(String[] lines, int sampled) {
        if (sampled < 4) {
            return false;
        }
        for (char sep : new char[] {'\t', ','}) {
            int columns = -1;
            int consistent = 0;
            for (int i = 0; i < sampled - 1; i++) { // the last sampled line may be cut
                int n = (int) lines[i].chars().filter(c -> c == sep).count();
                if (n == 0) {
                    break;
                }
                if (columns < 0) {
                    columns = n;
                }
                if (n == columns) {
                    consistent++;
                }
            }
            if (columns > 0 && consistent >= 3 && consistent * 10 >= (sampled - 1) * 8) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksLikeProse(String prefix) {
        int letters = 0;
        int spaces = 0;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
            } else if (c == ' ') {
                spaces++;
            }
        }
        int n = Math.max(1, prefix.length());
        return letters * 10 >= n * 6 && spaces * 100 >= n * 10;
    }
}
