package dev.headroom.compress.xml;

import dev.headroom.compress.query.QueryTerms;
import dev.headroom.compress.log.StackTraces;
import dev.headroom.compress.log.TextLines;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a JUnit report as text: totals, one line per suite, every failure and error with its message and
 * the first lines of its stack, the exceptions of its captured output; passing tests are counted (listed
 * only when they match the query), properties are counted.
 */
final class JUnitDigest {
    private static final int FRAMES = 8;
    private static final int DETAIL_LINES = 30;
    private static final int OUTPUT_FRAMES = 3;
    private static final int OUTPUT_LINES = 16;
    private static final int LISTED_PASSING_SUITES = 20;
    private static final int LISTED_SKIPPED = 20;

    private final StringBuilder out = new StringBuilder();
    private final QueryTerms query;

    private JUnitDigest(QueryTerms query) {
        this.query = query;
    }

    static String write(JUnitReport report, QueryTerms query) {
        JUnitDigest digest = new JUnitDigest(query);
        digest.report(report);
        return digest.out.toString();
    }

    private void report(JUnitReport report) {
        long tests = 0;
        long failures = 0;
        long errors = 0;
        long skipped = 0;
        for (JUnitReport.Suite suite : report.suites()) {
            tests += suite.cases().size();
            failures += suite.count(JUnitReport.Outcome.FAILURE);
            errors += suite.count(JUnitReport.Outcome.ERROR);
            skipped += suite.count(JUnitReport.Outcome.SKIPPED);
        }
        out.append("[JUnit report: ").append(plural(report.suites().size(), "suite")).append(", ")
                .append(plural(tests, "testcase")).append(": ").append(TextLines.count(tests - failures - errors - skipped))
                .append(" passed, ").append(TextLines.count(failures)).append(" failed, ").append(TextLines.count(errors))
                .append(" in error, ").append(TextLines.count(skipped)).append(" skipped]\n");
        List<JUnitReport.Suite> passing = new ArrayList<>();
        for (JUnitReport.Suite suite : report.suites()) {
            if (suite.troubled() || matchesQuery(suite)) {
                suite(suite);
            } else {
                passing.add(suite);
            }
        }
        passingSuites(passing);
    }

    private boolean matchesQuery(JUnitReport.Suite suite) {
        return query.matches(suite.name()) || suite.cases().stream().anyMatch(c -> query.matches(c.name()));
    }

    private void suite(JUnitReport.Suite suite) {
        out.append("suite ").append(suite.name());
        attribute("tests", suite.tests());
        attribute("failures", suite.failures());
        attribute("errors", suite.errors());
        attribute("skipped", suite.skipped());
        attribute("time", suite.time());
        long passed = suite.count(JUnitReport.Outcome.PASSED);
        out.append(" — ").append(TextLines.count(passed)).append(" passed");
        if (suite.properties() > 0) {
            out.append(", ").append(plural(suite.properties(), "property")).append(" omitted");
        }
        out.append('\n');
        List<String> skipped = new ArrayList<>();
        List<String> namedPassing = new ArrayList<>();
        for (JUnitReport.Case c : suite.cases()) {
            switch (c.outcome()) {
                case FAILURE, ERROR -> problem(c);
                case SKIPPED -> skipped.add(c.name() + (c.message().isEmpty() ? "" : " (" + c.message() + ")"));
                default -> {
                    if (query.matches(c.name()) || query.matches(c.className())) {
                        namedPassing.add(c.name());
                    }
                }
            }
        }
        list("  skipped: ", skipped, LISTED_SKIPPED);
        list("  passed (matching the question): ", namedPassing, LISTED_SKIPPED);
    }

    private void problem(JUnitReport.Case c) {
        out.append("  ").append(c.outcome() == JUnitReport.Outcome.FAILURE ? "FAILED " : "ERROR ").append(c.name());
        if (!c.className().isEmpty()) {
            out.append(" (").append(c.className()).append(')');
        }
        attribute("time", c.time());
        out.append('\n');
        List<String> detail = nonBlankLines(c.detail());
        String firstLine = detail.isEmpty() ? "" : detail.get(0);
        if (!c.message().isEmpty() && !firstLine.contains(c.message()) || detail.isEmpty() && !c.type().isEmpty()) {
            out.append("    ").append(c.type().isEmpty() ? "" : c.type() + ": ").append(c.message()).append('\n');
        }
        for (String line : StackTraces.condense(detail, FRAMES, DETAIL_LINES)) {
            out.append("    ").append(TextLines.display(line)).append('\n');
        }
        output("system-out", c.systemOut());
        output("system-err", c.systemErr());
    }

    private void output(String name, String text) {
        List<String> lines = nonBlankLines(text);
        if (lines.isEmpty()) {
            return;
        }
        out.append("    ").append(name).append(" (").append(plural(lines.size(), "line")).append("):\n");
        for (String line : StackTraces.condense(lines, OUTPUT_FRAMES, OUTPUT_LINES)) {
            out.append("      ").append(TextLines.display(line)).append('\n');
        }
    }

    private void passingSuites(List<JUnitReport.Suite> passing) {
        if (passing.isEmpty()) {
            return;
        }
        long tests = passing.stream().mapToLong(s -> s.cases().size()).sum();
        out.append(plural(passing.size(), "suite")).append(" without failures (").append(plural(tests, "testcase"))
                .append("): ");
        for (int i = 0; i < Math.min(passing.size(), LISTED_PASSING_SUITES); i++) {
            JUnitReport.Suite s = passing.get(i);
            out.append(i == 0 ? "" : ", ").append(s.name()).append(" (").append(s.cases().size()).append(')');
        }
        if (passing.size() > LISTED_PASSING_SUITES) {
            out.append(", … +").append(passing.size() - LISTED_PASSING_SUITES).append(" more");
        }
        out.append('\n');
    }

    private void list(String label, List<String> items, int max) {
        if (items.isEmpty()) {
            return;
        }
        out.append(label).append(String.join(", ", items.subList(0, Math.min(max, items.size()))));
        if (items.size() > max) {
            out.append(", … +").append(items.size() - max).append(" more");
        }
        out.append('\n');
    }

    private void attribute(String name, String value) {
        if (!value.isEmpty()) {
            out.append(' ').append(name).append('=').append(value);
        }
    }

    private static List<String> nonBlankLines(String text) {
        return TextLines.split(text).stream().filter(l -> !l.isBlank()).toList();
    }

    private static String plural(long n, String noun) {
        String word = n == 1 ? noun : noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return TextLines.count(n) + " " + word;
    }
}
