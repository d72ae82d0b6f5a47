package dev.headroom.compress.log;

/** How much a line or entry matters to an agent, most important first. */
public enum Severity {
    FATAL, ERROR, WARN, SUMMARY, INFO, NOISE;

    /** Fatal or error. */
    public boolean isProblem() {
        return this == FATAL || this == ERROR;
    }

    /** The more important of two severities. */
    public static Severity max(Severity a, Severity b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
