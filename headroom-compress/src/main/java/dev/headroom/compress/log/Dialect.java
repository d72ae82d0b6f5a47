package dev.headroom.compress.log;

import java.util.List;

/**
 * What a kind of line-oriented output (service logs, build output) means line by line: how important each
 * line is, which lines continue an entry, where a diagnostic points to and which lines count as "the same".
 * Implementations are stateless.
 */
public interface Dialect {

    /** The severity of one line taken alone. */
    Severity classify(String line);

    /**
     * Whether line {@code i} continues the entry that starts at {@code start} (a stack frame after an error,
     * an indented detail line, the code excerpt of a compiler diagnostic).
     */
    boolean continues(List<String> lines, Severity[] severities, int start, int i);

    /** The source location an entry points to (such as {@code src/Foo.java:[12,5]}), or an empty string. */
    default String location(List<String> lines, int start, int end) {
        return "";
    }

    /** The template key of an entry: entries with equal keys are shown once with a count. */
    default String key(List<String> lines, int start, int end, Severity severity, String location) {
        StringBuilder key = new StringBuilder(LineMasker.mask(lines.get(start)));
        for (int i = start + 1; i < Math.min(end, start + 60); i++) {
            key.append('\n').append(LineMasker.mask(lines.get(i)));
        }
        return key.toString();
    }

    /**
     * Whether {@code line} can lead into a diagnostic that follows it (gcc's {@code In file included from}
     * chain and {@code In member function} context): such lines join the warning or error after them.
     */
    default boolean leadsInto(String line) {
        return false;
    }

    /**
     * The line of a preamble {@code [start, head)} that says where the diagnostic at {@code head} comes from
     * (the source file whose include led to it), or -1.
     */
    default int origin(List<String> lines, int start, int head) {
        return -1;
    }

    /** Whether a body line of a warning is worth showing (its location, a suggested fix). */
    default boolean isWarningDetail(String line) {
        return true;
    }

    /** Whether a body line is boilerplate that need not be shown (a "for more information visit" link). */
    default boolean isBoilerplate(String line) {
        return false;
    }
}
