package dev.headroom.compress.log;

/**
 * One logical entry of the output: a header line and its continuation lines ({@code [start, end)}), possibly
 * led by a preamble (the include chain and function context that gcc prints before a diagnostic).
 *
 * @param start    index of the first line (the preamble's, when there is one)
 * @param end      index after the last line
 * @param severity the header's severity, raised by a trace in the body
 * @param key      the template key; entries with equal keys form one group
 * @param location the source location it points to, or an empty string
 * @param head     index of the header line: {@code start}, or the diagnostic after a preamble
 * @param origin   index of the preamble line that says where the entry comes from (the file whose include
 *                 led to it), or -1
 */
public record Entry(int start, int end, Severity severity, String key, String location, int head, int origin) {
    public Entry(int start, int end, Severity severity, String key, String location) {
        this(start, end, severity, key, location, start, -1);
    }

    /** Number of lines. */
    public int size() {
        return end - start;
    }
}
