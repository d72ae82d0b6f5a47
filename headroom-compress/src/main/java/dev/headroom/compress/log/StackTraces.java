package dev.headroom.compress.log;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Recognises stack-trace lines (Java, JavaScript, Python, Go) and condenses long traces. Stateless. */
public final class StackTraces {
    private static final Pattern FRAME = Pattern.compile(
            "\\s+(?:at \\S|\\.\\.\\. \\d+ (?:more|common frames omitted)|File \".*\", line \\d+|\\S+\\.go:\\d+)");
    private static final Pattern LINKS = Pattern.compile(
            "\\s*(?:Caused by: |Suppressed: |Traceback \\(most recent call last\\):|During handling of the above exception"
            + "|The above exception was the direct cause|goroutine \\d+ \\[)");
    private static final Pattern EXCEPTION_HEADER = Pattern.compile(
            "\\s*(?:[a-zA-Z_$][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error|Throwable|Failure|Fault)\\b(?::.*)?");

    private StackTraces() {
    }

    /** A frame line such as {@code \tat a.B.c(B.java:12)} or {@code   File "x.py", line 3, in f}. */
    public static boolean isFrame(String line) {
        return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && FRAME.matcher(line).lookingAt();
    }

    /** A line that belongs to a trace: a frame, {@code Caused by:}, {@code Traceback ...} and the like. */
    public static boolean isTraceLine(String line) {
        return isFrame(line) || isLink(line);
    }

    /** A line that starts with an exception type, such as {@code java.lang.IllegalStateException: boom}. */
    public static boolean isExceptionHeader(String line) {
        return line.length() < 2_000 && namesAnExceptionType(line) && EXCEPTION_HEADER.matcher(line).matches();
    }

    /** {@code Caused by:}, {@code Suppressed:} and the like; the first letter is checked before the pattern runs. */
    private static boolean isLink(String line) {
        int i = 0;
        while (i < line.length() && " \t\n\u000B\f\r".indexOf(line.charAt(i)) >= 0) { // what \s matches
            i++;
        }
        return i < line.length() && "CSTDg".indexOf(line.charAt(i)) >= 0 && LINKS.matcher(line).lookingAt();
    }

    /** Whether the line holds one of the words {@link #EXCEPTION_HEADER} requires (most lines do not). */
    private static boolean namesAnExceptionType(String line) {
        return line.contains("Exception") || line.contains("Error") || line.contains("Throwable")
                || line.contains("Failure") || line.contains("Fault");
    }

    /**
     * The body lines to show: every non-frame line (exception headers, {@code Caused by:}) up to {@code maxLines},
     * the first {@code maxFrames} frames of the first trace and the first two of each cause; cuts are marked
     * with {@code [… N frames]}. Python tracebacks keep their last frames, where the error is.
     */
    public static List<String> condense(List<String> body, int maxFrames, int maxLines) {
        boolean python = body.stream().anyMatch(l -> l.startsWith("Traceback (most recent call last)"));
        return python ? condensePython(body, maxFrames, maxLines) : condenseJava(body, maxFrames, maxLines);
    }

    private static List<String> condenseJava(List<String> body, int maxFrames, int maxLines) {
        List<String> out = new ArrayList<>();
        int allowance = maxFrames;
        int cut = 0;
        String cutIndent = "\t";
        int index = 0;
        for (String line : body) {
            boolean frame = isFrame(line);
            if (!frame && isLink(line)) {
                allowance = Math.min(2, maxFrames);
            }
            boolean lastLine = index == body.size() - 1 && cut == 0;
            index++;
            if (!lastLine && (frame && allowance <= 0 || out.size() >= maxLines)) {
                if (cut == 0) {
                    cutIndent = line.substring(0, TextLines.indent(line));
                }
                cut++;
                continue;
            }
            if (cut > 0) {
                out.add(elision(cutIndent, cut, "frames"));
                cut = 0;
            }
            if (frame) {
                allowance--;
            }
            out.add(line);
        }
        if (cut > 0) {
            out.add(elision(cutIndent, cut, out.size() >= maxLines ? "lines" : "frames"));
        }
        return out;
    }

    private static List<String> condensePython(List<String> body, int maxFrames, int maxLines) {
        int keep = Math.min(body.size(), Math.max(maxFrames * 2, 4));
        if (body.size() <= Math.max(keep, maxLines)) {
            return body;
        }
        List<String> out = new ArrayList<>();
        int first = body.size() - keep;
        int traceback = -1;
        for (int i = 0; i < first; i++) {
            if (body.get(i).startsWith("Traceback (most recent call last)")) {
                traceback = i;
            }
        }
        int headEnd = traceback >= 0 ? traceback + 1 : 0;
        out.addAll(body.subList(0, headEnd));
        out.add(elision("  ", first - headEnd, "lines"));
        out.addAll(body.subList(first, body.size()));
        return out;
    }

    static String elision(String indent, int n, String what) {
        return indent + "[… " + TextLines.count(n) + " " + (n == 1 ? what.substring(0, what.length() - 1) : what) + "]";
    }
}
