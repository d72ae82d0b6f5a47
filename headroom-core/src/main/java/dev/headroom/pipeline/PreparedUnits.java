package dev.headroom.pipeline;

import dev.headroom.tokens.TokenCounter;
import dev.headroom.wire.ToolOutput;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The compression of a request's eligible tool outputs, worked out on the cores ({@link ParallelUnits}) before
 * the pipeline's request-order pass, which then only applies each result. Detection and the compressor chain are
 * functions of the text alone, so where they ran cannot change a byte of the result; what depends on earlier
 * outputs (duplicates, near-duplicates, stale reads) stays in the request-order pass. Worth it only for two or
 * more outputs with enough text between them.
 */
final class PreparedUnits {
    /** Outputs are compressed on several cores only when they hold at least this many characters together. */
    static final long MIN_CHARS = 16_384;

    private PreparedUnits() {
    }

    /** One output's token count and compression outcome, for the text it had when they were worked out. */
    record Prepared(String text, int tokensBefore, UnitMemo.Outcome outcome) {
    }

    /** Detection and the compressor chain for one output whose text has {@code tokensBefore} tokens. */
    interface Chain {
        UnitMemo.Outcome compress(ToolOutput output, int tokensBefore);
    }

    /**
     * Works out every candidate at once; empty when it does not pay (fewer than two, too little text) or the
     * thread was interrupted. A candidate whose work threw has no entry: the request-order pass does it again.
     */
    static Map<ToolOutput, Prepared> of(List<ToolOutput> candidates, TokenCounter counter, Chain chain) {
        long chars = candidates.stream().mapToLong(o -> o.text().length()).sum();
        if (candidates.size() < 2 || chars < MIN_CHARS) {
            return Map.of();
        }
        List<ToolOutput> ordered = new ArrayList<>(candidates);
        // largest first, so that the last task to start is a short one
        ordered.sort(Comparator.comparingInt((ToolOutput o) -> -o.text().length()));
        List<Callable<Prepared>> tasks = new ArrayList<>();
        for (ToolOutput output : ordered) {
            String text = output.text();
            tasks.add(() -> {
                int before = counter.count(text);
                return new Prepared(text, before, chain.compress(output, before));
            });
        }
        Map<ToolOutput, Prepared> prepared = new IdentityHashMap<>();
        try {
            List<Optional<Prepared>> results = ParallelUnits.run(tasks);
            for (int i = 0; i < ordered.size(); i++) {
                ToolOutput output = ordered.get(i);
                results.get(i).ifPresent(p -> prepared.put(output, p));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        return prepared;
    }
}
