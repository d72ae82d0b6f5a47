package dev.headroom.compress.xml;

import java.util.List;

/** A parsed JUnit/xUnit XML report: its suites and their test cases, attribute values as written. */
record JUnitReport(List<Suite> suites) {

    /** What happened to one test case. */
    enum Outcome { PASSED, FAILURE, ERROR, SKIPPED }

    /**
     * One {@code <testsuite>}.
     *
     * @param attributes  name, tests, failures, errors, skipped, time as written ("" when absent)
     * @param properties  how many {@code <property>} elements it had
     */
    record Suite(String name, String tests, String failures, String errors, String skipped, String time,
                 List<Case> cases, int properties) {
        long count(Outcome outcome) {
            return cases.stream().filter(c -> c.outcome() == outcome).count();
        }

        boolean troubled() {
            return cases.stream().anyMatch(c -> c.outcome() == Outcome.FAILURE || c.outcome() == Outcome.ERROR)
                    || positive(failures) || positive(errors);
        }

        private static boolean positive(String number) {
            return !number.isEmpty() && !number.equals("0") && number.chars().allMatch(Character::isDigit);
        }
    }

    /**
     * One {@code <testcase>}.
     *
     * @param message the failure, error or skip message ("" when none)
     * @param type    the failure or error type ("" when none)
     * @param detail  the text inside the failure or error element (usually the stack trace)
     */
    record Case(String name, String className, String time, Outcome outcome, String message, String type,
                String detail, String systemOut, String systemErr) {
    }
}
