package dev.headroom.compress.prose;

import dev.headroom.tokens.TokenCounter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Extractive, query-aware reduction of prose and markdown. Headings, code blocks (long ones lose their
 * middle), tables, non-prose lines and embedded parts stay; prose sentences are scored
 * ({@link SentenceScorer}), near-duplicates dropped, and the best sentences kept, in their original order,
 * up to a token budget. Kept sentences are never rewritten beyond removing filler phrases, so numbers,
 * identifiers, paths, URLs and code spans come out as they went in.
 *
 * <p>The reducer emits no marker: the caller retains the original.
 */
public final class ProseReducer {
    /** The share of prose tokens Kompress keeps when no target ratio is given. */
    public static final double DEFAULT_RATIO = 0.45;
    private static final int MAX_QUERY_FORCED = 3;
    private static final double QUERY_FORCE_OVERLAP = 0.5;
    private static final double MIN_BUDGET_SHARE = 0.15;

    private ProseReducer() {
    }

    /**
     * A piece of the input: text to reduce, or verbatim text (such as an embedded part already
     * compressed on its own) that is kept as it is.
     */
    public record Piece(String text, boolean verbatim) {
    }

    /**
     * @param query       the user's question, or empty
     * @param targetRatio  the desired output size relative to the input in (0, 1], or 0 for the default
     * @param defaultRatio the share of prose tokens kept when there is no target ratio
     * @param tokens       the token counter of the request's model
     * @param markdown     whether the text is markdown (line breaks inside a paragraph are soft)
     */
    public record Options(String query, double targetRatio, double defaultRatio, TokenCounter tokens,
                          boolean markdown) {
    }

    /**
     * @param text             the reduced text
     * @param sentences        prose sentences in the input
     * @param omittedSentences sentences left out
     * @param elidedLines      code lines elided from long blocks
     * @param droppedLines     other lines left out (tables of contents, rules)
     * @param lossy            whether anything was cut or markup simplified
     * @param mostlyProse      whether most paragraph lines were prose rather than records
     */
    public record Result(String text, int sentences, int omittedSentences, int elidedLines, int droppedLines,
                         boolean lossy, boolean mostlyProse) {
        /** A few words on what was cut, for the retention marker. */
        public String summary() {
            StringBuilder sb = new StringBuilder();
            sb.append(omittedSentences).append(" of ").append(sentences).append(" sentences omitted");
            if (elidedLines > 0) {
                sb.append(", ").append(elidedLines).append(" code lines elided");
            }
            return sb.toString();
        }
    }

    /** Reduces one markdown text. */
    public static Result reduce(String text, Options options) {
        return reduce(List.of(new Piece(text, false)), options);
    }

    /** Reduces the pieces of one text, joined with line breaks. */
    public static Result reduce(List<Piece> pieces, Options options) {
        List<Block> blocks = new ArrayList<>();
        for (Piece piece : pieces) {
            if (piece.verbatim()) {
                blocks.add(Block.of(Block.Kind.VERBATIM, piece.text()));
            } else {
                blocks.addAll(MarkdownParser.parse(piece.text()));
            }
        }
        ProseLayout layout = ProseLayout.of(blocks, options.tokens(), options.markdown());
        List<Sentence> sentences = layout.sentences;
        NearDuplicates.mark(sentences, layout.references);
        SentenceScorer.score(sentences, options.query());
        QueriedSections.pin(layout, options.query());
        select(sentences, budget(layout, options), !options.markdown());
        keepListItemLeads(layout);
        keepOneSentencePerSection(layout);
        int omitted = (int) sentences.stream().filter(s -> !s.kept).count();
        String text = render(layout);
        boolean lossy = omitted > 0 || layout.elidedLines > 0 || layout.droppedLines > 0 || layout.simplified;
        return new Result(text, sentences.size(), omitted, layout.elidedLines, layout.droppedLines, lossy,
                layout.proseLines >= layout.recordLines);
    }

    private static double budget(ProseLayout layout, Options options) {
        double prose = layout.sentences.stream().filter(s -> !s.duplicate).mapToInt(s -> s.tokens).sum();
        double targetRatio = options.targetRatio();
        if (targetRatio <= 0) {
            return options.defaultRatio() * prose;
        }
        double fixed = layout.fixedTokens;
        double wanted = targetRatio * (prose + fixed) - fixed;
        return Math.min(prose, Math.max(MIN_BUDGET_SHARE * prose, Math.min(wanted, targetRatio * prose)));
    }

    /**
     * Keeps the best sentences within the budget. Always kept: the sentences that best answer the query,
     * error reports (exception names, tracebacks, {@code error:}), and in plain text every sentence that
     * mentions an error or failure.
     */
    private static void select(List<Sentence> sentences, double budget, boolean keepAlarming) {
        List<Sentence> byQuery = sentences.stream().filter(s -> s.queryOverlap >= QUERY_FORCE_OVERLAP && !s.duplicate)
                .sorted(Comparator.comparingDouble((Sentence s) -> -s.queryOverlap)
                        .thenComparingDouble(s -> -s.rank()))
                .limit(MAX_QUERY_FORCED).toList();
        double used = 0;
        for (Sentence s : byQuery) {
            s.forced = true;
            s.kept = true;
            used += s.tokens;
        }
        for (Sentence s : sentences) {
            if ((s.errorReport || keepAlarming && s.alarming) && !s.kept && !s.duplicate) {
                s.forced = true;
                s.kept = true;
                used += s.tokens;
            }
        }
        List<Sentence> ranked = new ArrayList<>();
        for (Sentence s : sentences) {
            if (!s.kept && !s.duplicate && s.value > 0) {
                ranked.add(s);
            }
        }
        ranked.sort(Comparator.comparingDouble((Sentence s) -> -s.rank()));
        for (Sentence s : ranked) {
            if (used + s.tokens <= budget) {
                s.kept = true;
                used += s.tokens;
            }
        }
    }

    /** A list item that keeps any sentence keeps its first one too: it names what the item is about. */
    private static void keepListItemLeads(ProseLayout layout) {
        for (int u = 0; u < layout.units.size(); u++) {
            List<Sentence> own = layout.units.get(u);
            if (layout.listItems.get(u) && !own.get(0).kept && own.stream().anyMatch(s -> s.kept)) {
                own.get(0).kept = true;
            }
        }
    }

    /** A section (what follows a heading) that would be left empty keeps its best sentence. */
    private static void keepOneSentencePerSection(ProseLayout layout) {
        boolean content = true;
        Sentence best = null;
        for (ProseLayout.Item item : layout.items) {
            if (item.heading()) {
                keepIfEmpty(content, best);
                content = false;
                best = null;
            } else if (!item.isUnit()) {
                content |= item.lines().stream().anyMatch(line -> !line.isBlank());
            } else {
                for (Sentence s : layout.units.get(item.unit())) {
                    content |= s.kept;
                    if (!s.duplicate && s.value > 0 && (best == null || s.rank() > best.rank())) {
                        best = s;
                    }
                }
            }
        }
        keepIfEmpty(content, best);
    }

    private static void keepIfEmpty(boolean content, Sentence best) {
        if (!content && best != null) {
            best.kept = true;
        }
    }

    private static String render(ProseLayout layout) {
        List<String> lines = new ArrayList<>();
        for (ProseLayout.Item item : layout.items) {
            if (!item.isUnit()) {
                lines.addAll(item.lines());
                continue;
            }
            StringBuilder sb = new StringBuilder();
            for (Sentence s : layout.units.get(item.unit())) {
                if (s.kept) {
                    if (sb.length() > 0) {
                        sb.append(' ');
                    }
                    sb.append(Filler.strip(s.text));
                }
            }
            if (sb.length() > 0) {
                lines.add(item.prefix() + sb);
            }
        }
        StringBuilder out = new StringBuilder();
        boolean blank = true;
        for (String line : lines) {
            boolean isBlank = line.isBlank();
            if (isBlank && blank) {
                continue;
            }
            out.append(isBlank ? "" : line).append('\n');
            blank = isBlank;
        }
        return out.toString().stripTrailing();
    }
}
