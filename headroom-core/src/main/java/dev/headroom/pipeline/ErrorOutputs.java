package dev.headroom.pipeline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises short tool outputs that read as error reports; those are passed to the model whole (DESIGN.md
 * rule 1: two or more error keywords within 8,000 characters). Public for the output shaper, which keeps full
 * effort for a turn that reports an error.
 */
public final class ErrorOutputs {
    static final int MAX_CHARS = 8_000;
    private static final Pattern KEYWORD = Pattern.compile(
            "\\b(?:error|errors|exception|traceback|failed|failure|fatal|panic(?:ked)?|segmentation fault)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern NUMBERED_LINE = Pattern.compile("^\\s*\\d+(?:\\t|:|\u2192)");

    private ErrorOutputs() {
    }

    /**
     * A listing of a file with line numbers (an editor view, a Read result) is not an error report, even
     * when the code in it says "error" twice.
     */
    private static boolean isNumberedFileView(String text) {
        String[] lines = text.split("\n", 81);
        int numbered = 0;
        int nonEmpty = 0;
        for (int i = 0; i < Math.min(lines.length, 80); i++) {
            if (!lines[i].isBlank()) {
                nonEmpty++;
                if (NUMBERED_LINE.matcher(lines[i]).find()) {
                    numbered++;
                }
            }
        }
        return nonEmpty >= 5 && numbered * 10 >= nonEmpty * 7;
    }

    /** Whether {@code text} reads as an error report: at most 8,000 characters holding two or more error keywords. */
    public static boolean isShortErrorReport(String text) {
        if (text.length() > MAX_CHARS) {
            return false;
        }
        // A file listing that merely mentions errors is not a report; one that opens with an error is.
        if (isNumberedFileView(text) && !KEYWORD.matcher(text.substring(0, Math.min(text.length(), 300))).find()) {
            return false;
        }
        Matcher m = KEYWORD.matcher(text);
        int hits = 0;
        while (m.find()) {
            if (++hits >= 2) {
                return true;
            }
        }
        return false;
    }
}
