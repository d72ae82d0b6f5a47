package dev.headroom.compress.prose;

import java.util.List;

/** One sentence of a prose unit, with what selection needs to know about it. */
final class Sentence {
    final int unit;
    final int position;
    final String text;
    final int tokens;
    final List<String> terms;
    /** Whether it ends its unit with a colon right before a code block, list or table. */
    final boolean introducesBlock;
    /** Whether it is the first sentence of the first prose unit under a heading. */
    final boolean leadsSection;
    double value;
    double queryOverlap;
    /** Whether it mentions an error, failure, exception or the like. */
    boolean alarming;
    /** Whether it reads like an error report: an exception name, a traceback, {@code error:}, FATAL. */
    boolean errorReport;
    boolean duplicate;
    boolean forced;
    boolean kept;

    Sentence(int unit, int position, String text, int tokens, List<String> terms, boolean introducesBlock,
             boolean leadsSection) {
        this.unit = unit;
        this.position = position;
        this.text = text;
        this.tokens = Math.max(1, tokens);
        this.terms = terms;
        this.introducesBlock = introducesBlock;
        this.leadsSection = leadsSection;
    }

    /** A table row: never selected or dropped here, but a sentence that repeats it is a duplicate. */
    static Sentence reference(String text, List<String> terms) {
        Sentence s = new Sentence(-1, 0, text, 1, terms, false, false);
        s.kept = true;
        return s;
    }

    /** Value per token, with a mild preference for longer informative sentences. */
    double rank() {
        return value / Math.sqrt(tokens);
    }
}
