package dev.headroom.compress.log;

import dev.headroom.compress.query.QueryTerms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Digest of a web server access log (common or combined format): counts per status, the most requested
 * paths and most active clients of the successful requests, and every 4xx/5xx request shown verbatim
 * (a 5xx at every occurrence unless it repeats very often; other repeats of the same status, method and path at
 * their first and last occurrence, with a count). Stateless.
 */
public final class AccessLogDigest {
    private static final Pattern REQUEST = Pattern.compile(
            "^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] \"(?:(\\S+) (\\S+)[^\"]*|[^\"]*)\" (\\d{3}) ");
    private static final double MIN_SHARE = 0.7;
    private static final int TOP_PATHS = 15;
    private static final int TOP_CLIENTS = 5;
    private static final int MAX_CLIENT_ERROR_GROUPS = 60;
    private static final int MAX_OTHER_LINES = 20;
    /** A server error that happened at most this often is shown at every occurrence, not as a count. */
    private static final int MAX_SERVER_ERRORS_EACH = 20;
    /** At most this many server-error lines are shown one by one in all; further shapes show first and last. */
    private static final int MAX_SERVER_ERROR_LINES = 60;

    private AccessLogDigest() {
    }

    private record Request(int line, String client, String time, String method, String path, int status) {
        String groupKey() {
            return status + " " + method + " " + path;
        }
    }

    /** The digest without marker, and how many lines it shows verbatim; null when this is no access log. */
    public static DigestWriter.Rendering digest(List<String> lines, QueryTerms query) {
        List<Request> requests = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        Matcher m = REQUEST.matcher("");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.length() < 20_000 && m.reset(line).find()) {
                String method = m.group(3) == null ? "-" : m.group(3);
                String path = m.group(4) == null ? "-" : m.group(4);
                requests.add(new Request(i, m.group(1), m.group(2), method, path, Integer.parseInt(m.group(5))));
            } else if (!line.isBlank()) {
                others.add(i);
                if (cannotReachShare(requests.size() + (lines.size() - i - 1), others.size())) {
                    return null; // even if every line left were a request
                }
            }
        }
        if (requests.size() < 3 || requests.size() < (requests.size() + others.size()) * MIN_SHARE) {
            return null;
        }
        return new Writer(lines, requests, others, query).write();
    }

    /**
     * Whether {@code requests} among {@code requests + others} lines stay below {@link #MIN_SHARE} by a clear margin
     * (0.3 of a line), so that the share test after the scan cannot pass with at most that many requests and at
     * least that many other lines.
     */
    private static boolean cannotReachShare(long requests, long others) {
        return 10 * ((1 - MIN_SHARE) * requests - MIN_SHARE * others) < -3;
    }

    private static final class Writer {
        private final List<String> lines;
        private final List<Request> requests;
        private final List<Integer> others;
        private final QueryTerms query;
        private final StringBuilder out = new StringBuilder();
        private final boolean[] shown;
        private int verbatim;

        Writer(List<String> lines, List<Request> requests, List<Integer> others, QueryTerms query) {
            this.lines = lines;
            this.requests = requests;
            this.others = others;
            this.query = query;
            this.shown = new boolean[lines.size()];
        }

        DigestWriter.Rendering write() {
            summary();
            show(requests.get(0).line(), "");
            problems();
            otherLines();
            queryMatches();
            int last = lines.size() - 1;
            while (last > 0 && lines.get(last).isBlank()) {
                last--;
            }
            show(last, "");
            return new DigestWriter.Rendering(out.toString(), verbatim);
        }

        private void summary() {
            Map<Integer, Integer> statuses = new TreeMap<>();
            Map<String, int[]> paths = new LinkedHashMap<>();
            Map<String, String> examplePath = new LinkedHashMap<>();
            Map<String, int[]> clients = new LinkedHashMap<>();
            int ok = 0;
            for (Request r : requests) {
                statuses.merge(r.status(), 1, Integer::sum);
                if (r.status() < 400) {
                    ok++;
                    String path = stripQuery(r.path());
                    String template = LineMasker.mask(path);
                    paths.computeIfAbsent(template, k -> new int[1])[0]++;
                    examplePath.merge(template, path, (a, b) -> a.equals(b) ? a : template);
                    clients.computeIfAbsent(r.client(), k -> new int[1])[0]++;
                }
            }
            out.append("[access log: ").append(TextLines.count(requests.size())).append(" requests, first at ")
                    .append(requests.get(0).time()).append(", last at ").append(requests.get(requests.size() - 1).time())
                    .append("; status");
            String separator = " ";
            for (Map.Entry<Integer, Integer> e : statuses.entrySet()) {
                out.append(separator).append(e.getKey()).append(" ×").append(TextLines.count(e.getValue()));
                separator = ", ";
            }
            out.append("]\n");
            if (ok > 0) {
                out.append("[top paths of ").append(TextLines.count(ok)).append(" 1xx-3xx requests: ")
                        .append(top(paths, examplePath, TOP_PATHS)).append("]\n");
                out.append("[top clients of those: ").append(top(clients, Map.of(), TOP_CLIENTS)).append("]\n");
            }
        }

        private static String stripQuery(String path) {
            int q = path.indexOf('?');
            return q > 0 ? path.substring(0, q) : path;
        }

        private static String top(Map<String, int[]> counts, Map<String, String> names, int limit) {
            List<Map.Entry<String, int[]>> sorted = new ArrayList<>(counts.entrySet());
            sorted.sort(Comparator.comparing((Map.Entry<String, int[]> e) -> -e.getValue()[0]));
            StringBuilder sb = new StringBuilder();
            int rest = 0;
            for (int i = 0; i < sorted.size(); i++) {
                Map.Entry<String, int[]> e = sorted.get(i);
                if (i < limit) {
                    sb.append(i == 0 ? "" : ", ").append(names.getOrDefault(e.getKey(), e.getKey()))
                            .append(" ×").append(TextLines.count(e.getValue()[0]));
                } else {
                    rest += e.getValue()[0];
                }
            }
            if (sorted.size() > limit) {
                sb.append("; ").append(TextLines.count(sorted.size() - limit)).append(" others ×")
                        .append(TextLines.count(rest));
            }
            return sb.toString();
        }

        private void problems() {
            Map<String, List<Request>> groups = new LinkedHashMap<>();
            for (Request r : requests) {
                if (r.status() >= 400) {
                    groups.computeIfAbsent(r.groupKey(), k -> new ArrayList<>()).add(r);
                }
            }
            int clientErrorGroups = 0;
            int serverErrorLines = 0;
            int hiddenGroups = 0;
            int hiddenLines = 0;
            for (List<Request> group : groups.values()) {
                Request first = group.get(0);
                if (first.status() < 500 && clientErrorGroups++ >= MAX_CLIENT_ERROR_GROUPS) {
                    hiddenGroups++;
                    hiddenLines += group.size();
                    continue;
                }
                if (first.status() >= 500 && group.size() <= MAX_SERVER_ERRORS_EACH
                        && serverErrorLines + group.size() <= MAX_SERVER_ERROR_LINES) {
                    serverErrorLines += group.size();
                    group.forEach(r -> show(r.line(), ""));
                    continue;
                }
                String count = TextLines.count(group.size());
                show(first.line(), group.size() == 1 ? "" : "[×" + count + "] ");
                if (group.size() > 1) {
                    show(group.get(group.size() - 1).line(), "[last of ×" + count + "] ");
                }
            }
            if (hiddenGroups > 0) {
                out.append("[… ").append(TextLines.count(hiddenGroups)).append(" more 4xx request shapes, ")
                        .append(TextLines.count(hiddenLines)).append(" lines]\n");
            }
        }

        private void otherLines() {
            int hidden = 0;
            for (int i : others) {
                if (others.size() <= MAX_OTHER_LINES || new LogDialect().classify(lines.get(i)).isProblem()) {
                    show(i, "");
                } else {
                    hidden++;
                }
            }
            if (hidden > 0) {
                out.append("[… ").append(TextLines.count(hidden)).append(" other lines]\n");
            }
        }

        private void queryMatches() {
            int added = 0;
            for (int i = 0; i < lines.size() && added < 30; i++) {
                if (!shown[i] && query.matches(lines.get(i))) {
                    show(i, "");
                    added++;
                }
            }
        }

        private void show(int i, String prefix) {
            if (shown[i]) {
                return;
            }
            shown[i] = true;
            String line = lines.get(i);
            String display = TextLines.display(line);
            if (display.equals(line)) {
                verbatim++;
            }
            out.append(prefix).append(display).append('\n');
        }
    }
}
