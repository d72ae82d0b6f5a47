package dev.headroom.cli;

import dev.headroom.core.CompressionResult;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.tokens.JtokkitTokenCounter;
import dev.headroom.tokens.TokenCounter;
import dev.headroom.tokens.TokenizerFamily;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Measures one corpus file the way an agent would send it: its question in the user turn and the file as a
 * tool result (a conversation whole, with the question as a follow-up turn), compressed by a fresh engine
 * with default settings. Tokens are exact cl100k counts, independent of the engine's own (sampled) counting.
 */
final class CorpusBench {
    static final String MODEL = "claude-sonnet-4-5";
    private static final TokenCounter EXACT = JtokkitTokenCounter.of(TokenizerFamily.CL100K);

    private CorpusBench() {
    }

    /** Every file of the corpus in {@code dir}, once each (no timing runs). */
    static List<CorpusReport.FileResult> measureAll(Path dir) throws IOException {
        Map<String, CorpusQuestions.Case> questions = CorpusQuestions.read(dir);
        List<CorpusReport.FileResult> results = new ArrayList<>();
        for (CorpusReport.Entry entry : CorpusReport.readManifest(dir)) {
            String text = Files.readString(dir.resolve(entry.file()), StandardCharsets.UTF_8);
            results.add(measure(entry, text, questions.get(entry.file()), 0, () -> Headroom.builder().build()));
        }
        return results;
    }

    /**
     * @param repeat  timed runs after one warm-up; with 0 the single run is the warm-up and no time is reported
     * @param engines makes a fresh engine for each run (so that no memo is carried between runs)
     */
    static CorpusReport.FileResult measure(CorpusReport.Entry entry, String text, CorpusQuestions.Case question, int repeat,
                                           Supplier<HeadroomEngine> engines) {
        String ask = question == null ? "" : question.question();
        boolean conversation = entry.category().equals("conversation");
        String request = conversation ? CorpusRequest.forConversation(text, ask)
                : CorpusRequest.forToolOutput(entry.file(), entry.category(), text, ask, MODEL);
        // Conversations: compact the original too, so whitespace of the pretty-printed file is not counted as savings.
        long before = conversation ? EXACT.count(JsonCodec.write(JsonCodec.parse(request))) : EXACT.count(text);
        long after = 0;
        String compressed = "";
        String transforms = "";
        List<NeedleCheck.Outcome> needles = List.of();
        long[] nanos = new long[repeat];
        for (int run = -1; run < repeat; run++) {
            HeadroomEngine engine = engines.get();
            CompressionResult r = engine.compress(request);
            compressed = conversation ? r.json() : CorpusRequest.toolResultText(r.json());
            after = EXACT.count(compressed);
            transforms = transformsOf(r);
            if (run >= 0) {
                nanos[run] = r.elapsed().toNanos();
            }
            if (run == repeat - 1) {
                // Only what the compression produced counts: the tool result, or the conversation without the
                // question turn we appended (a needle the question itself names would otherwise be "visible").
                String seen = conversation ? CorpusRequest.withoutAppendedQuestion(r.json(), ask) : compressed;
                needles = NeedleCheck.classify(question == null ? List.of() : question.needles(), seen,
                        r.retainedHashes(), engine::retrieve);
            }
        }
        return new CorpusReport.FileResult(entry, before, after, transforms, median(nanos) / 1e6, needles, compressed);
    }

    private static String transformsOf(CompressionResult r) {
        if (!r.transforms().isEmpty()) {
            return String.join(" ", new TreeSet<>(r.transforms()));
        }
        return r.units().isEmpty() ? "no tool output" : r.units().get(r.units().size() - 1).reason().code();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
}
