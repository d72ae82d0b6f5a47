package dev.headroom.compress.xml;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a JUnit/xUnit XML report with StAX (no DTDs, no external entities). Stateless. */
final class JUnitReportParser {
    private JUnitReportParser() {
    }

    /** The report, or empty when the text is no well-formed report with a testsuite(s) root. */
    static Optional<JUnitReport> parse(String xml) {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
            try {
                return read(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<JUnitReport> read(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext() && reader.next() != XMLStreamConstants.START_ELEMENT) {
            // skip the prolog
        }
        if (!reader.isStartElement()) {
            return Optional.empty();
        }
        String root = reader.getLocalName();
        List<JUnitReport.Suite> suites = new ArrayList<>();
        if (root.equals("testsuite")) {
            suites.add(suite(reader));
        } else if (root.equals("testsuites")) {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("testsuite")) {
                    suites.add(suite(reader));
                } else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("testsuites")) {
                    break;
                }
            }
        } else {
            return Optional.empty();
        }
        return suites.isEmpty() ? Optional.empty() : Optional.of(new JUnitReport(suites));
    }

    /** Reads one testsuite; the reader is at its start tag and ends at its end tag. */
    private static JUnitReport.Suite suite(XMLStreamReader reader) throws XMLStreamException {
        String name = attribute(reader, "name");
        String tests = attribute(reader, "tests");
        String failures = attribute(reader, "failures");
        String errors = attribute(reader, "errors");
        String skipped = attribute(reader, "skipped");
        if (skipped.isEmpty()) {
            skipped = attribute(reader, "disabled");
        }
        String time = attribute(reader, "time");
        List<JUnitReport.Case> cases = new ArrayList<>();
        int properties = 0;
        int depth = 1;
        while (reader.hasNext() && depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String element = reader.getLocalName();
                if (element.equals("testcase")) {
                    cases.add(testCase(reader));
                } else {
                    properties += element.equals("property") ? 1 : 0;
                    depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return new JUnitReport.Suite(name, tests, failures, errors, skipped, time, cases, properties);
    }

    private static JUnitReport.Case testCase(XMLStreamReader reader) throws XMLStreamException {
        String name = attribute(reader, "name");
        String className = attribute(reader, "classname");
        String time = attribute(reader, "time");
        JUnitReport.Outcome outcome = JUnitReport.Outcome.PASSED;
        String message = "";
        String type = "";
        StringBuilder detail = new StringBuilder();
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        StringBuilder target = null;
        int depth = 1;
        while (reader.hasNext() && depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String element = reader.getLocalName();
                JUnitReport.Outcome found = outcomeOf(element);
                if (found != null && (outcome == JUnitReport.Outcome.PASSED || found != JUnitReport.Outcome.SKIPPED)) {
                    if (outcome == JUnitReport.Outcome.PASSED || outcome == JUnitReport.Outcome.SKIPPED) {
                        outcome = found;
                        message = attribute(reader, "message");
                        type = attribute(reader, "type");
                    }
                    target = detail;
                } else if (element.equals("system-out")) {
                    target = out;
                } else if (element.equals("system-err")) {
                    target = err;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                target = null;
            } else if (target != null && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
                target.append(reader.getText());
            }
        }
        return new JUnitReport.Case(name, className, time, outcome, message, type, detail.toString(),
                out.toString(), err.toString());
    }

    private static JUnitReport.Outcome outcomeOf(String element) {
        return switch (element) {
            case "failure" -> JUnitReport.Outcome.FAILURE;
            case "error" -> JUnitReport.Outcome.ERROR;
            case "skipped" -> JUnitReport.Outcome.SKIPPED;
            default -> null;
        };
    }

    private static String attribute(XMLStreamReader reader, String name) {
        String value = reader.getAttributeValue(null, name);
        return value == null ? "" : value;
    }
}
