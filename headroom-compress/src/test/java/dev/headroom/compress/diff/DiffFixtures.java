package dev.headroom.compress.diff;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Unified diffs made at test time from frozen copies of some of this repository's own sources: real files
 * edited in memory (seeded), compared with a small LCS differ and printed as {@code git show} prints them.
 *
 * <p>The copies live in {@code src/test/resources/diff-fixtures/} and are read from the classpath, so edits to
 * headroom-core never change these fixtures (and the floors measured on them).
 */
final class DiffFixtures {
    /** Where the copies of headroom-core's sources lived; the diffs name them by these paths. */
    private static final String CORE = "headroom-core/src/main/java/";
    private static final String RESOURCES = "/diff-fixtures/";
    /** The frozen sources, as paths relative to the repository root, sorted. */
    static final List<String> SOURCES = List.of(
            CORE + "dev/headroom/core/CompressOptions.java",
            CORE + "dev/headroom/core/Headroom.java",
            CORE + "dev/headroom/gateway/AnthropicBlockBuilder.java",
            CORE + "dev/headroom/gateway/AnthropicRetrieveCalls.java",
            CORE + "dev/headroom/gateway/AnthropicStreamRewriter.java",
            CORE + "dev/headroom/gateway/Backends.java",
            CORE + "dev/headroom/gateway/ChatRetrieveCalls.java",
            CORE + "dev/headroom/gateway/Gateway.java",
            CORE + "dev/headroom/gateway/Headers.java",
            CORE + "dev/headroom/gateway/ResponsesRetrieveCalls.java",
            CORE + "dev/headroom/gateway/SseEventReader.java",
            CORE + "dev/headroom/pipeline/CircuitBreaker.java",
            CORE + "dev/headroom/pipeline/CompressionPipeline.java",
            CORE + "dev/headroom/pipeline/PipelineConfig.java",
            CORE + "dev/headroom/retention/InMemoryRetentionStore.java",
            CORE + "dev/headroom/retention/RetrieveQuery.java",
            CORE + "dev/headroom/spi/CompressorResult.java",
            CORE + "dev/headroom/tokens/SampledTokenCounter.java",
            CORE + "dev/headroom/wire/AnthropicMessagesView.java",
            CORE + "dev/headroom/wire/ToolOutput.java");
    static final String PIPELINE = CORE + "dev/headroom/pipeline/CompressionPipeline.java";
    static final List<String> AUTH_CHECK = List.of(
            "        if (!passwordEncoder.matches(rawPassword, user.passwordHash())) {",
            "            throw new AccessDeniedException(\"bad credentials for \" + user.name());",
            "        }");
    /** Files with these words count as security-relevant, so a deleted or new copy would be kept whole. */
    private static final Pattern SECURITY_WORDS = Pattern.compile(
            "(?i)auth|permission|privilege|passw|secret|token|credential|crypt|cipher|session|login|signature|certificate|key");
    private static final Pattern SECTION = Pattern.compile(
            "^\\s*(?:public|private|protected|static|final|abstract|class|interface|record|enum)\\b.*[({]\\s*$");

    private DiffFixtures() {
    }

    /** The frozen text of one of {@link #SOURCES}. */
    static String read(String path) {
        if (!path.startsWith(CORE)) {
            throw new IllegalArgumentException("not a frozen source: " + path);
        }
        // Stored as .java.txt so that tools and readers do not take the frozen copies for live sources.
        String resource = RESOURCES + path.substring(CORE.length()) + ".txt";
        try (InputStream in = DiffFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String commitHeader(String sha, String message) {
        return "commit " + sha + "\nAuthor: Dana Reviewer <dana@example.com>\nDate:   Mon Jan 5 10:00:00 2026 +0100\n\n    "
                + message + "\n\n";
    }

    /** Lines of a file, without the empty string after the final newline. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** A copy of {@code lines} with seeded small edits: changed, inserted and deleted lines. */
    static List<String> edit(List<String> lines, SplittableRandom random, int edits) {
        List<String> copy = new ArrayList<>(lines);
        for (int e = 0; e < edits && copy.size() > 10; e++) {
            int at = random.nextInt(copy.size());
            switch (random.nextInt(3)) {
                case 0 -> copy.set(at, copy.get(at).replace("final ", "").replace("return ", "return /* checked */ ") + " // reviewed");
                case 1 -> copy.add(at, "        LOG.log(System.Logger.Level.DEBUG, \"step " + e + "\");");
                default -> copy.remove(at);
            }
        }
        return copy;
    }

    /** {@code lines} with {@code inserted} placed before line {@code at}. */
    static List<String> insert(List<String> lines, int at, List<String> inserted) {
        List<String> copy = new ArrayList<>(lines);
        copy.addAll(at, inserted);
        return copy;
    }

    /** The {@code git show} text of one modified file. */
    static String fileDiff(String path, List<String> before, List<String> after) {
        return "diff --git a/" + path + " b/" + path + "\nindex 3f2a1b4..8c9d0e1 100644\n--- a/" + path + "\n+++ b/" + path
                + "\n" + hunks(before, after, 3);
    }

    static String newFile(String path, List<String> lines) {
        return "diff --git a/" + path + " b/" + path + "\nnew file mode 100644\nindex 0000000..8c9d0e1\n--- /dev/null\n+++ b/"
                + path + "\n" + hunks(List.of(), lines, 3);
    }

    static String deletedFile(String path, List<String> lines) {
        return "diff --git a/" + path + " b/" + path + "\ndeleted file mode 100644\nindex 3f2a1b4..0000000\n--- a/" + path
                + "\n+++ /dev/null\n" + hunks(lines, List.of(), 3);
    }

    /** A package-lock.json before and after a bump of many versions. */
    static String lockfileDiff(SplittableRandom random) {
        List<String> before = new ArrayList<>();
        before.add("{");
        before.add("  \"lockfileVersion\": 3,");
        before.add("  \"packages\": {");
        for (int i = 0; i < 150; i++) {
            before.add("    \"node_modules/pkg-" + i + "\": {");
            before.add("      \"version\": \"1." + i + ".0\",");
            before.add("      \"integrity\": \"sha512-" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()) + "\"");
            before.add("    },");
        }
        before.add("  }");
        before.add("}");
        List<String> after = new ArrayList<>(before);
        for (int i = 0; i < 150; i += 3) {
            after.set(4 + i * 4 + 1, "      \"version\": \"2." + i + ".1\",");
            after.set(4 + i * 4 + 2, "      \"integrity\": \"sha512-" + Long.toHexString(random.nextLong()) + "\"");
        }
        return fileDiff("web/package-lock.json", before, after);
    }

    /**
     * A big {@code git show}: edits to every frozen source but the deleted one, a buried auth check in the
     * {@code authFile}-th edited file, a lock file, a deleted and a new file.
     */
    static String bigCommit(long seed, int authFile) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> plain = SOURCES.stream().filter(f -> read(f).lines().count() >= 80
                && !SECURITY_WORDS.matcher(read(f)).find()).toList();
        List<String> edited = SOURCES.stream().filter(f -> !f.equals(plain.get(0))).toList();
        StringBuilder sb = new StringBuilder(commitHeader("9fceb02d0ae598e95dc970b74767f19372d61af8",
                "Harden request handling and tidy the pipeline"));
        for (int f = 0; f < edited.size(); f++) {
            List<String> before = lines(read(edited.get(f)));
            List<String> after = edit(before, random, 4);
            if (f == authFile) {
                after = insert(after, blockStart(after, 1 + random.nextInt(after.size() - 1), AUTH_CHECK), AUTH_CHECK);
            }
            sb.append(fileDiff(edited.get(f), before, after));
        }
        sb.append(lockfileDiff(random));
        sb.append(deletedFile(plain.get(0), lines(read(plain.get(0)))));
        String added = plain.get(1).replace(".java", "Copy.java");
        sb.append(newFile(added, lines(read(plain.get(1)))));
        return sb.toString();
    }

    /**
     * The first line from {@code at} before which {@code block} can be inserted and still come out of
     * {@link #hunks} as one run of added lines: where the following line equals a line of the block (say a
     * closing brace), the LCS would match the two and split the block around it.
     */
    static int blockStart(List<String> lines, int at, List<String> block) {
        int i = at;
        while (i < lines.size() && block.contains(lines.get(i))) {
            i++;
        }
        return i;
    }

    /** Hunks with {@code context} lines of context, from an LCS of the two line lists. */
    static String hunks(List<String> a, List<String> b, int context) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> script = new ArrayList<>(); // " x", "-x", "+x"
        List<int[]> positions = new ArrayList<>(); // old index, new index before the line
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            positions.add(new int[] {i, j});
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                script.add(" " + a.get(i++));
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                script.add("+" + b.get(j++));
            } else {
                script.add("-" + a.get(i++));
            }
        }
        StringBuilder sb = new StringBuilder();
        int k = 0;
        while (k < script.size()) {
            if (script.get(k).charAt(0) == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - context);
            int end = k;
            int lastChange = k;
            while (end < script.size() && end - lastChange <= 2 * context) {
                if (script.get(end).charAt(0) != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(script.size(), lastChange + context + 1);
            int oldCount = 0;
            int newCount = 0;
            for (int x = start; x < end; x++) {
                char kind = script.get(x).charAt(0);
                oldCount += kind != '+' ? 1 : 0;
                newCount += kind != '-' ? 1 : 0;
            }
            int oldStart = positions.get(start)[0] + (oldCount == 0 ? 0 : 1);
            int newStart = positions.get(start)[1] + (newCount == 0 ? 0 : 1);
            sb.append("@@ -").append(oldStart).append(',').append(oldCount).append(" +").append(newStart).append(',')
                    .append(newCount).append(" @@").append(section(a, positions.get(start)[0])).append('\n');
            for (int x = start; x < end; x++) {
                sb.append(script.get(x)).append('\n');
            }
            k = end;
        }
        return sb.toString();
    }

    private static String section(List<String> old, int before) {
        for (int i = Math.min(before, old.size()) - 1; i >= 0; i--) {
            if (SECTION.matcher(old.get(i)).matches()) {
                return " " + old.get(i).strip();
            }
        }
        return "";
    }
}
