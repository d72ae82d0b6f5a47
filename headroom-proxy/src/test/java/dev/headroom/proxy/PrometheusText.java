package dev.headroom.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small, strict parser of the Prometheus text exposition format (version 0.0.4), for tests. The Prometheus
 * Java client writes this format but ships no parser for it, so the test parses with this one: every line must
 * be a {@code # HELP}, a {@code # TYPE} or a sample of a declared family, label values must be properly quoted
 * and escaped, values must be numbers; anything else fails the parse.
 */
final class PrometheusText {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    final Map<String, String> types = new LinkedHashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static PrometheusText parse(String text) {
        PrometheusText out = new PrometheusText();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                if (parts.length != 2 || !parts[0].matches("[a-zA-Z_:][a-zA-Z0-9_:]*")
                        || !parts[1].matches("counter|gauge|histogram|summary|untyped")) {
                    throw new IllegalArgumentException("line " + n + ": bad TYPE: " + line);
                }
                out.types.put(parts[0], parts[1]);
                continue;
            }
            if (line.startsWith("#")) {
                throw new IllegalArgumentException("line " + n + ": unexpected comment: " + line);
            }
            out.samples.add(sample(line, n, out.types));
        }
        return out;
    }

    private static Sample sample(String line, int n, Map<String, String> types) {
        int i = 0;
        while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_' || line.charAt(i) == ':')) {
            i++;
        }
        String name = line.substring(0, i);
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            throw new IllegalArgumentException("line " + n + ": bad metric name: " + line);
        }
        if (family(name, types) == null) {
            throw new IllegalArgumentException("line " + n + ": sample of an undeclared family: " + line);
        }
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq);
                if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*") || line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("line " + n + ": bad label: " + line);
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char e = line.charAt(++j);
                        value.append(switch (e) {
                            case 'n' -> '\n';
                            case '\\' -> '\\';
                            case '"' -> '"';
                            default -> throw new IllegalArgumentException("line " + n + ": bad escape: " + line);
                        });
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException("line " + n + ": repeated label: " + line);
                }
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                } else if (line.charAt(i) != '}') {
                    throw new IllegalArgumentException("line " + n + ": bad label list: " + line);
                }
            }
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException("line " + n + ": no value: " + line);
        }
        String[] rest = line.substring(i + 1).split(" ");
        if (rest.length > 2) {
            throw new IllegalArgumentException("line " + n + ": trailing text: " + line);
        }
        double value = switch (rest[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(rest[0]);
        };
        return new Sample(name, labels, value);
    }

    private static String family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : new String[] {"_total", "_created", "_bucket", "_count", "_sum"}) {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return null;
    }

    /** The sum of every sample of {@code name} whose labels include {@code match}. */
    double sum(String name, Map<String, String> match) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(match.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    double sum(String name) {
        return sum(name, Map.of());
    }

    List<String> labelNames() {
        return samples.stream().flatMap(s -> s.labels().keySet().stream()).distinct().sorted().toList();
    }
}
