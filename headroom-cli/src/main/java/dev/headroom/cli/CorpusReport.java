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

    record FileResult(Entry entry, long tokensBefore, long tokensAfter, String transforms, double medianMillis,
                      List<NeedleCheck.Outcome> needles, String compressedText) {
        double savings() {
            return tokensBefore == 0 ? 0 : 100.0 * (tokensBefore - tokensAfter) / tokensBefore;
        }

        long count(NeedleCheck.State state) {
            return needles.stream().filter(n -> n.state() == state).count();
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
        sb.append("### Corpus savings and retention (cl100k_base tokens)\n\n");
        sb.append("Command: `java -jar headroom-cli/target/headroom.jar bench-corpus --out BENCHMARKS.md` ")
                .append("(each file sent as an agent would: its question from `QUESTIONS.json` in the user turn and the file as a tool result; ")
                .append("conversations as whole requests with the question as a follow-up turn; default settings. ")
                .append("Tokens are the tool result's (the whole compacted request for conversations). ")
                .append("Needles: visible in the compressed text / retrievable from a retained original / lost. ")
                .append("ms is the median of ").append(repeat).append(" runs on a fresh engine after one warm-up in a fresh JVM, single thread, ")
                .append("so it includes JIT warm-up; the JMH section has the steady-state figures).\n\n");
        sb.append("| category | files | tokens before | tokens after | savings | our floor | reference | needles visible | retrievable | lost |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, long[]> totals = new LinkedHashMap<>();
        TARGETS.keySet().forEach(k -> totals.put(k, new long[7]));
        long[] all = new long[7];
        for (FileResult r : results) {
            long[] t = totals.computeIfAbsent(r.entry().category(), k -> new long[7]);
            for (long[] sum : List.of(t, all)) {
                sum[0]++;
                sum[1] += r.tokensBefore();
                sum[2] += r.tokensAfter();
                sum[3] += r.needles().size();
                sum[4] += r.count(NeedleCheck.State.VISIBLE);
                sum[5] += r.count(NeedleCheck.State.RETRIEVABLE);
                sum[6] += r.count(NeedleCheck.State.LOST);
            }
        }
        totals.forEach((category, t) -> {
            int[] target = TARGETS.getOrDefault(category, new int[] {0, 0});
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f%% | %d%% | %d%% | %d/%d | %d | %d |%n",
                    category, t[0], t[1], t[2], percentSaved(t[1], t[2]), target[0], target[1], t[4], t[3], t[5], t[6]));
        });
        sb.append(String.format(Locale.ROOT, "| **all** | %d | %d | %d | %.1f%% | 60%% | | %d/%d (%.1f%%) | %d | %d |%n",
                all[0], all[1], all[2], percentSaved(all[1], all[2]), all[4], all[3],
                all[3] == 0 ? 100.0 : 100.0 * all[4] / all[3], all[5], all[6]));
        sb.append("\n| file | tokens before | tokens after | savings | needles visible | ms | transform or reason |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (FileResult r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f%% | %d/%d | %.2f | %s |%n", r.entry().file(),
                    r.tokensBefore(), r.tokensAfter(), r.savings(), r.count(NeedleCheck.State.VISIBLE), r.needles().size(),
                    r.medianMillis(), r.transforms()));
        }
        List<String> hidden = new ArrayList<>();
        for (FileResult r : results) {
            for (NeedleCheck.Outcome n : r.needles()) {
                if (n.state() != NeedleCheck.State.VISIBLE) {
                    hidden.add("- " + r.entry().file() + ": `" + n.needle().replace("`", "'") + "` " + n.state().name().toLowerCase(Locale.ROOT));
                }
            }
        }
        if (!hidden.isEmpty()) {
            sb.append("\nNeedles not visible:\n\n");
            hidden.forEach(line -> sb.append(line).append('\n'));
        }
        sb.append('\n');
        return sb.toString();
    }

    static double percentSaved(long before, long after) {
        return before == 0 ? 0 : 100.0 * (before - after) / before;
    }
}
