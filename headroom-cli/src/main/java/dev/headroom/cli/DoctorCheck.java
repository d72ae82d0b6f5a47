package dev.headroom.cli;

import java.util.Objects;

/**
 * One line of {@code headroom doctor}: what was checked, how it went, what was found, and what to do about it.
 *
 * @param name   a stable identifier, such as {@code "proxy"} or {@code "openai_base_url"}
 * @param status how it went
 * @param detail what was found, one line
 * @param hint   what to do about a problem, one line; null when there is nothing to do
 */
record DoctorCheck(String name, Status status, String detail, String hint) {

    /** How a check went, from best to worst. */
    enum Status {
        OK("✓", "ok"), WARNING("⚠", "warning"), FAILURE("✗", "failure");

        final String symbol;
        final String label;

        Status(String symbol, String label) {
            this.symbol = symbol;
            this.label = label;
        }
    }

    DoctorCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    static DoctorCheck ok(String name, String detail) {
        return new DoctorCheck(name, Status.OK, detail, null);
    }

    static DoctorCheck warning(String name, String detail, String hint) {
        return new DoctorCheck(name, Status.WARNING, detail, hint);
    }

    static DoctorCheck failure(String name, String detail, String hint) {
        return new DoctorCheck(name, Status.FAILURE, detail, hint);
    }

    /** {@code ✓ detail}, or {@code ⚠ detail — hint}. */
    String line() {
        return status.symbol + " " + detail + (hint == null ? "" : " — " + hint);
    }
}
