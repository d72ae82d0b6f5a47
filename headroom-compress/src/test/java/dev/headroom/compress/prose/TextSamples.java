package dev.headroom.compress.prose;

import dev.headroom.compress.text.Fence;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Fixtures and helpers for the prose tests. */
final class TextSamples {
    private static final String[] WORDS = ("system request latency cache worker queue shard replica index "
            + "tenant budget policy metric sample window cluster region gateway token session schema").split(" ");

    private TextSamples() {
    }

    /** The ATX headings of a markdown text, outside fenced code. */
    static List<String> atxHeadings(String text) {
        List<String> headings = new ArrayList<>();
        Fence fence = null;
        for (String line : text.split("\n")) {
            if (fence != null) {
                fence = fence.closes(line) ? null : fence;
            } else if ((fence = Fence.open(line)) == null && line.matches("^#{1,6} .*")) {
                headings.add(line.strip());
            }
        }
        return headings;
    }

    /** The fenced code blocks of a markdown text, fences included. */
    static List<List<String>> fencedBlocks(String text) {
        List<List<String>> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Fence fence = Fence.open(lines[i]);
            if (fence != null) {
                int close = Math.min(Fence.closingLine(lines, i, fence), lines.length - 1);
                blocks.add(List.of(lines).subList(i, close + 1));
                i = close;
            }
        }
        return blocks;
    }

    /** {@code text} with {@code sentence} added after a randomly chosen sentence of a prose paragraph. */
    static String insertSentence(String text, String sentence, SplittableRandom random) {
        String[] lines = text.split("\n", -1);
        List<Integer> candidates = new ArrayList<>();
        Fence fence = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (fence != null) {
                fence = fence.closes(line) ? null : fence;
                continue;
            }
            fence = Fence.open(line);
            if (fence == null && line.matches("^[A-Za-z].*[a-z]\\. [A-Z].*")) {
                candidates.add(i);
            }
        }
        int at = candidates.get(random.nextInt(candidates.size()));
        String line = lines[at];
        int dot = line.indexOf(". ");
        lines[at] = line.substring(0, dot + 2) + sentence + " " + line.substring(dot + 2);
        return String.join("\n", lines);
    }

    /** Paragraphs of generated sentences. */
    static String filler(int sentences, SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            sb.append(i % 5 == 0 && i > 0 ? "\n\n" : i > 0 ? " " : "");
            sb.append(String.format("The %s of the %s sends a %s to the %s when the %s is %s.",
                    word(random), word(random), word(random), word(random), word(random), word(random)));
        }
        return sb.toString();
    }

    private static String word(SplittableRandom random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    /** Plain text with an embedded pretty-printed JSON object between two paragraphs. */
    static String proseWithEmbeddedJson() {
        StringBuilder json = new StringBuilder("{\n  \"kind\": \"Deployment\",\n  \"items\": [\n");
        for (int i = 0; i < 30; i++) {
            json.append("    {\"name\": \"web-").append(i).append("\", \"replicas\": ").append(i % 4)
                    .append(", \"ready\": ").append(i % 7 != 3).append("}").append(i < 29 ? "," : "").append('\n');
        }
        json.append("  ]\n}");
        return "Deployment status follows for the production cluster after the configuration change was applied.\n"
                + "The operator asked for every deployment in the namespace including the ones that are scaled down.\n\n"
                + json + "\n\n"
                + "The rollout finished at 14:02 and the operator confirmed that the pods stayed healthy afterwards.\n"
                + "rollout finished without errors, and the dashboard showed the expected number of replicas.\n";
    }
}
