package dev.headroom.cli;

import dev.headroom.core.CompressionResult;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.core.TextCompression;
import dev.headroom.tokens.JtokkitTokenCounter;
import dev.headroom.tokens.TokenCounter;
import dev.headroom.tokens.TokenizerFamily;
import dev.headroom.wire.JsonCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code headroom bench-corpus}: compresses every file of the corpus (each as one tool result; agent
 * conversations as whole requests) and reports tokens and time per file and per category. With
 * {@code --out FILE} the report replaces the corpus section of that markdown file.
 */
@Command(name = "bench-corpus", mixinStandardHelpOptions = true,
        description = "Measure savings and speed on every file of the shared corpus.")
final class BenchCorpusCommand implements Callable<Integer> {
    static final String BEGIN = "<!-- corpus-benchmark:begin -->";
    static final String END = "<!-- corpus-benchmark:end -->";
    static final String MODEL = "claude-sonnet-4-5";

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Corpus folder with MANIFEST.tsv (default: testdata/corpus above the working directory).")
    Path corpus;

    @Option(names = "--out", paramLabel = "FILE", description = "Markdown file whose corpus section is replaced (default: print).")
    Path out;

    @Option(names = "--repeat", paramLabel = "N", description = "Timed runs per file, after one warm-up (default: ${DEFAULT-VALUE}).")
    int repeat = 5;

    @Mixin
    CompressionSwitches switches;

    @Override
    public Integer call() throws IOException {
        if (switches.conflict().isPresent()) {
            spec.commandLine().getErr().println("headroom: error: " + switches.conflict().get());
            return 2;
        }
                Path dir = corpus != null ? corpus : CorpusLocator.find();
        List<CorpusReport.FileResult> results = new ArrayList<>();
        for (CorpusReport.Entry entry : CorpusReport.readManifest(dir)) {
            String text = Files.readString(dir.resolve(entry.file()), StandardCharsets.UTF_8);
            results.add(measure(entry, text));
        }
        String report = CorpusReport.render(results, repeat);
        if (out == null) {
            spec.commandLine().getOut().print(report);
        } else {
            MarkdownSection.replace(out, BEGIN, END, report);
            spec.commandLine().getOut().println("wrote " + out);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Report figures are exact cl100k counts, independent of the engine's own (sampled) counting. */
    private static final TokenCounter EXACT = JtokkitTokenCounter.of(TokenizerFamily.CL100K);

    private CorpusReport.FileResult measure(CorpusReport.Entry entry, String text) {
        long before = 0;
        long after = 0;
        String transforms = "";
        long[] nanos = new long[repeat];
        for (int run = -1; run < repeat; run++) {
            HeadroomEngine engine = switches.apply(Headroom.builder()).build(); // fresh: no memo carried between runs
            if (entry.category().equals("conversation")) {
                CompressionResult r = engine.compress(text);
                // Compact the original too, so whitespace of the pretty-printed file is not counted as savings.
                before = EXACT.count(JsonCodec.write(JsonCodec.parse(text)));
                after = EXACT.count(r.json());
                transforms = String.join(" ", new java.util.TreeSet<>(r.transforms()));
                if (run >= 0) {
                    nanos[run] = r.elapsed().toNanos();
                }
            } else {
                TextCompression r = engine.compressText(text, CorpusReport.toolFor(entry.category()), "", MODEL);
                before = EXACT.count(text);
                after = EXACT.count(r.text());
                transforms = r.report().compressed() ? r.report().transform() : r.report().reason().code();
                if (run >= 0) {
                    nanos[run] = r.elapsed().toNanos();
                }
            }
        }
        return new CorpusReport.FileResult(entry, before, after, transforms, median(nanos) / 1e6);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
}
