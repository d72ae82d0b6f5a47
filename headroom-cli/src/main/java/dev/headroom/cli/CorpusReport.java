package dev.headroom.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The corpus manifest and the markdown report of a corpus benchmark. */
final class CorpusReport {
    /** Our floors and the reference project's figures per category (issue 3). */
    private static final Map<String, int[]> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put("json", new int[] {60, 45});
        TARGETS.put("log", new int[] {60, 16});
        TARGETS.put("build", new int[] {70, 35});
        TARGETS.put("conversation", new int[] {35, 10});
        TARGETS.put("html", new int[] {75, 0});
        TARGETS.put("markdown", new int[] {30, 0});
    }

    record Entry(String file, String category, long bytes) {
    }

    record FileResult(Entry entry, long tokensBefore, long tokensAfter, String transforms, double medianMillis) {
        double savings() {
            return tokensBefore == 0 ? 0 : 100.0 * (tokensBefore - tokensAfter) / tokensBefore;
        }
    }

    private CorpusReport() {
    }

    static List<Entry> readManifest(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t");
            if (cols.length >= 7) {
                entries.add(new Entry(cols[0], cols[1], Long.parseLong(cols[6])));
            }
        }
        return entries;
    }

    /** The tool an agent would have used to get such output. */
    static String toolFor(String category) {
        return switch (category) {
            case "html" -> "WebFetch";
            case "markdown" -> "Read";
            default -> "Bash";
        };
    }

    static String render(List<FileResult> results, int repeat) {
        StringBuilder sb = new StringBuilder();
        sb.append("### Corpus savings (cl100k_base tokens)\n\n");
        sb.append("Command: `java -jar headroom-cli/target/headroom.jar bench-corpus --out BENCHMARKS.md` ")
                .append("(each file compressed as one tool result, conversations as whole requests with default settings; ")
                .append("ms is the median of ").append(repeat).append(" runs on a fresh engine after one warm-up in a fresh JVM, single thread, ")
                .append("so it includes JIT warm-up; the JMH section has the steady-state figures).\n\n");
        sb.append("| category | files | tokens before | tokens after | savings | our floor | reference |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
        Map<String, long[]> totals = new LinkedHashMap<>();
        TARGETS.keySet().forEach(k -> totals.put(k, new long[3]));
        for (FileResult r : results) {
            long[] t = totals.computeIfAbsent(r.entry().category(), k -> new long[3]);
            t[0]++;
            t[1] += r.tokensBefore();
            t[2] += r.tokensAfter();
        }
        totals.forEach((category, t) -> {
            int[] target = TARGETS.getOrDefault(category, new int[] {0, 0});
            double savings = t[1] == 0 ? 0 : 100.0 * (t[1] - t[2]) / t[1];
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f%% | %d%% | %d%% |%n",
                    category, t[0], t[1], t[2], savings, target[0], target[1]));
        });
        sb.append("\n| file | tokens before | tokens after | savings | ms | transform or reason |\n");
        sb.append("|---|---:|---:|---:|---:|---|\n");
        for (FileResult r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f%% | %.2f | %s |%n", r.entry().file(),
                    r.tokensBefore(), r.tokensAfter(), r.savings(), r.medianMillis(), r.transforms()));
        }
        sb.append('\n');
        return sb.toString();
    }
}
