package dev.headroom.pipeline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises short tool outputs that read as error reports; those are passed to the model whole (DESIGN.md
 * rule 1: two or more error keywords within 8,000 characters).
 */
final class ErrorOutputs {
    static final int MAX_CHARS = 8_000;
    private static final Pattern KEYWORD = Pattern.compile(
            "\\b(?:error|errors|exception|traceback|failed|failure|fatal|panic(?:ked)?|segmentation fault)\\b",
            Pattern.CASE_INSENSITIVE);

    private ErrorOutputs() {
    }

    static boolean isShortErrorReport(String text) {
        if (text.length() > MAX_CHARS) {
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
