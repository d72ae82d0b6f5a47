package dev.headroom.compress.build;

import dev.headroom.compress.log.Dialect;
import dev.headroom.compress.log.LineMasker;
import dev.headroom.compress.log.Severity;
import dev.headroom.compress.log.StackTraces;
import dev.headroom.compress.log.TextLines;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * Build and test output of Maven/Gradle/surefire, pytest, jest, cargo/clippy, npm, make, MSBuild, CMake/ninja
 * and Jenkins: diagnostics with their excerpts, failing tests with their assertion and frames, summaries;
 * progress and download lines are noise. Warnings are grouped by message, whatever their location.
 */
public final class BuildDialect implements Dialect {
    private static final int CLASSIFY_CHARS = 2_000;
    private static final int LOCATION_CHARS = 600;
    private static final int MAX_PREAMBLE = 40;

    @Override
    public Severity classify(String line) {
        String text = line.length() > CLASSIFY_CHARS ? line.substring(0, CLASSIFY_CHARS) : line;
        String lower = text.toLowerCase(Locale.ROOT);
        if (BuildPatterns.NOISE.matches(text, lower)) {
            return Severity.NOISE;
        }
        if (lower.contains("tests run: ") && BuildPatterns.CLASS_RESULT.matcher(text).find()) {
            return BuildPatterns.ALL_PASSED.matcher(text).find() ? Severity.INFO : Severity.ERROR;
        }
        boolean zeroCounts = lower.indexOf('0') >= 0 && (lower.contains("err") || lower.contains("fail"))
                || lower.contains("no error") || lower.contains("/errorreport") || lower.contains("-werror");
        String cleaned = zeroCounts ? BuildPatterns.ZERO_COUNT.matcher(text).replaceAll("") : text;
        if (BuildPatterns.ERROR.matches(cleaned, zeroCounts ? cleaned.toLowerCase(Locale.ROOT) : lower)) {
            return BuildPatterns.SUMMARY.matches(text, lower) && !text.contains("FAIL") && !text.contains("ERROR")
                    && !text.contains("rror") ? Severity.SUMMARY : Severity.ERROR;
        }
        if (BuildPatterns.SUMMARY.matches(text, lower)) {
            return Severity.SUMMARY;
        }
        if (BuildPatterns.WARN.matches(text, lower)) {
            return Severity.WARN;
        }
        return Severity.INFO;
    }

    @Override
    public boolean continues(List<String> lines, Severity[] severities, int start, int i) {
        String line = lines.get(i);
        if (line.isBlank()) {
            return bridgesBlank(lines, severities, start, i);
        }
        if (leadsInto(line) && leadsToDiagnostic(lines, severities, i)) {
            return false; // the include chain of the next warning or error, not a detail of this one
        }
        if (StackTraces.isTraceLine(line)) {
            return true;
        }
        Severity header = severities[start];
        Severity own = severities[i];
        boolean diagnostic = header.isProblem() || header == Severity.WARN;
        if (!diagnostic) {
            return own == Severity.INFO && TextLines.indent(line) > TextLines.indent(lines.get(start));
        }
        if (BuildPatterns.DETAIL.matches(line)) {
            return true;
        }
        if (header.isProblem() && (StackTraces.isExceptionHeader(line) || line.startsWith("E "))) {
            return true;
        }
        return TextLines.indent(line) > TextLines.indent(lines.get(start)) && own != Severity.SUMMARY
                && own != Severity.NOISE && !BuildPatterns.DIAGNOSTIC_HEADER.matches(line);
    }

    /** Whether the preamble lines from {@code i} on end in a warning or error (not a note) of their own. */
    private boolean leadsToDiagnostic(List<String> lines, Severity[] severities, int i) {
        int j = i;
        while (j < lines.size() && j - i < MAX_PREAMBLE && leadsInto(lines.get(j))) {
            j++;
        }
        return j < lines.size() && (severities[j] == Severity.WARN || severities[j].isProblem());
    }

    /**
     * A blank line inside a test failure (jest, pytest) continues it when the next line is a trace line or is
     * indented deeper than the failure's header.
     */
    private static boolean bridgesBlank(List<String> lines, Severity[] severities, int start, int i) {
        int next = TextLines.nextNonBlank(lines, i + 1, 2);
        if (next < 0 || !severities[start].isProblem()) {
            return false;
        }
        String line = lines.get(next);
        return StackTraces.isTraceLine(line) || TextLines.indent(line) > TextLines.indent(lines.get(start))
                && severities[next] != Severity.NOISE && !BuildPatterns.DIAGNOSTIC_HEADER.matches(line);
    }

    @Override
    public String location(List<String> lines, int start, int end) {
        for (int i = start + 1; i < Math.min(end, start + 4); i++) {
            Matcher arrow = BuildPatterns.ARROW_LOCATION.matcher(lines.get(i));
            if (arrow.lookingAt()) {
                return arrow.group(1);
            }
        }
        String header = lines.get(start);
        String text = header.length() > LOCATION_CHARS ? header.substring(0, LOCATION_CHARS) : header;
        Matcher position = BuildPatterns.POSITION.matcher(text);
        while (position.find()) {
            int from = position.start();
            while (from > 0 && isPathChar(text.charAt(from - 1))) {
                from--;
            }
            String path = text.substring(from, position.start());
            if (BuildPatterns.FILE_EXTENSION.matcher(path).matches()) {
                return path + position.group();
            }
        }
        return "";
    }

    private static boolean isPathChar(char c) {
        return Character.isLetterOrDigit(c) || "_.~@+$-/\\:".indexOf(c) >= 0;
    }

    @Override
    public String key(List<String> lines, int start, int end, Severity severity, String location) {
        String header = lines.get(start);
        if (severity == Severity.SUMMARY) {
            return "summary\n" + header.strip();
        }
        if (severity != Severity.WARN && !severity.isProblem()) {
            return Dialect.super.key(lines, start, end, severity, location);
        }
        String message = location.isEmpty() ? header : header.replace(location, "");
        StringBuilder key = new StringBuilder(LineMasker.mask(message));
        if (severity.isProblem()) {
            for (int i = start + 1; i < Math.min(end, start + 60); i++) {
                String line = lines.get(i);
                if (!BuildPatterns.SNIPPET.matcher(line).lookingAt() && !BuildPatterns.BOILERPLATE.matches(line)) {
                    key.append('\n').append(LineMasker.mask(line));
                }
            }
        }
        return key.toString();
    }

    @Override
    public boolean leadsInto(String line) {
        return BuildPatterns.PREAMBLE_LINE.matches(line);
    }

    /** The outermost file of the include chain: its last {@code from} line, or the chain's first line. */
    @Override
    public int origin(List<String> lines, int start, int head) {
        int origin = -1;
        for (int i = start; i < head; i++) {
            String line = lines.get(i);
            if (line.stripLeading().startsWith("from ") || line.startsWith("In file included from ")) {
                origin = i;
            }
        }
        return origin;
    }

    @Override
    public boolean isWarningDetail(String line) {
        return BuildPatterns.WARNING_DETAIL.matches(line);
    }

    @Override
    public boolean isBoilerplate(String line) {
        return line.isBlank() || BuildPatterns.BOILERPLATE.matches(line);
    }
}
