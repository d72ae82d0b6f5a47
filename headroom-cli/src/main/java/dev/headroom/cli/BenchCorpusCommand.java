package dev.headroom.cli;

import dev.headroom.core.Headroom;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code headroom bench-corpus}: compresses every file of the corpus as an agent would send it (the file's
 * question from {@code QUESTIONS.json} in the user turn and the file as a tool result; agent conversations as
 * whole requests with the question as a follow-up turn) and reports, per file and per category, tokens saved,
 * time, and the question's needles visible, retrievable through the store, or lost. With
 * {@code --out FILE} the report replaces the corpus section of that markdown file.
 */
@Command(name = "bench-corpus", mixinStandardHelpOptions = true,
        description = "Measure savings, needles kept and speed on every file of the corpus.")
final class BenchCorpusCommand implements Callable<Integer> {
    static final String BEGIN = "<!-- corpus-benchmark:begin -->";
    static final String END = "<!-- corpus-benchmark:end -->";

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Corpus folder with MANIFEST.tsv (default: testdata/corpus above the working directory).")
    Path corpus;

    @Option(names = "--out", paramLabel = "FILE", description = "Markdown file whose corpus section is replaced (default: print).")
    Path out;

    @Option(names = "--repeat", paramLabel = "N", description = "Timed runs per file, after one warm-up (default: ${DEFAULT-VALUE}).")
    int repeat = 5;

    @Option(names = "--show", paramLabel = "FILE", description = "Print the compressed text of one corpus file (as named in MANIFEST.tsv) and its needles, instead of the report.")
    String show;

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
        Map<String, CorpusQuestions.Case> questions = CorpusQuestions.read(dir);
        for (CorpusReport.Entry entry : CorpusReport.readManifest(dir)) {
            if (show != null && !entry.file().equals(show)) {
                continue;
            }
            String text = Files.readString(dir.resolve(entry.file()), StandardCharsets.UTF_8);
            results.add(CorpusBench.measure(entry, text, questions.get(entry.file()), repeat,
                    () -> switches.apply(Headroom.builder()).build()));
        }
        if (show != null) {
            return printShown(results);
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

    private int printShown(List<CorpusReport.FileResult> results) {
        var printer = spec.commandLine().getOut();
        if (results.isEmpty()) {
            spec.commandLine().getErr().println("no corpus file " + show);
            return 1;
        }
        CorpusReport.FileResult r = results.get(0);
        printer.println(r.compressedText());
        printer.printf(Locale.ROOT, "%n-- %d -> %d tokens (%.1f%% saved), %s%n", r.tokensBefore(), r.tokensAfter(),
                r.savings(), r.transforms());
        r.needles().forEach(n -> printer.println("-- " + n.state().name().toLowerCase(Locale.ROOT) + ": " + n.needle()));
        printer.flush();
        return 0;
    }
}
