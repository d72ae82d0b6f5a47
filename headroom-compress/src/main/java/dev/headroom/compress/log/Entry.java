package dev.headroom.compress.log;

/**
 * One logical entry of the output: a header line and its continuation lines ({@code [start, end)}).
 *
 * @param start    index of the header line
 * @param end      index after the last line
 * @param severity the header's severity, raised by a trace in the body
 * @param key      the template key; entries with equal keys form one group
 * @param location the source location it points to, or an empty string
 */
public record Entry(int start, int end, Severity severity, String key, String location) {
    /** Number of lines. */
    public int size() {
        return end - start;
    }
}
