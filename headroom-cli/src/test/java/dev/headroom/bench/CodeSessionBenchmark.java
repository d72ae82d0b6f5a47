package dev.headroom.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.core.CompressionResult;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.pipeline.UnitReport;
import dev.headroom.tokens.JtokkitTokenCounter;
import dev.headroom.tokens.TokenCounter;
import dev.headroom.tokens.TokenizerFamily;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Savings of the code-aware switches on a code-heavy agent session: a Claude Code-shaped Anthropic request made
 * from this repository's own sources, frozen at commit {@value #COMMIT} ({@code git show}), so that the figures do
 * not move as the code does. Reads are line-numbered as Claude Code's Read prints them.
 *
 * <p>The session: the first turn reads one file (the newest read); the whole session reads four Java files, greps,
 * edits one file and reads it again (the first read goes stale), reads another again without an edit (its first
 * read is no longer the newest), cats a file through Bash and shows a commit. Each is measured with the defaults,
 * with {@code --no-code-aware} and with {@code --intercept-tool-results}; the requests are also written to
 * {@code target/code-session-*.json} so any build's {@code headroom compress --stats} can be run on them.
 *
 * <p>Usage (from the repository root): {@code ./mvnw -B -q -pl headroom-cli -am verify -DskipTests -Pcode-session}.
 */
public final class CodeSessionBenchmark {
    static final String COMMIT = "367a94d";
    private static final String CORE = "headroom-core/src/main/java/dev/headroom/";
    private static final TokenCounter EXACT = JtokkitTokenCounter.of(TokenizerFamily.CL100K);

    private CodeSessionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path root = root();
        Session first = new Session(root);
        first.user("Where does the pipeline decide that a tool output is not eligible for compression?");
        first.read("CompressionPipeline.java", CORE + "pipeline/CompressionPipeline.java");

        Session whole = new Session(root);
        whole.user("Add a switch that turns the read lifecycle off, with a test.");
        whole.read("CompressionPipeline.java", CORE + "pipeline/CompressionPipeline.java");
        whole.read("PipelineConfig.java", CORE + "pipeline/PipelineConfig.java");
        whole.bash("grep -rn \"StaleReads\" headroom-core/src/main/java", grep(root, "StaleReads"));
        whole.read("HeadroomEngine.java", CORE + "core/HeadroomEngine.java");
        whole.read("StaleReads.java", CORE + "pipeline/StaleReads.java");
        whole.edit(CORE + "pipeline/PipelineConfig.java");
        whole.read("PipelineConfig.java", CORE + "pipeline/PipelineConfig.java");
        whole.read("CompressionPipeline.java", CORE + "pipeline/CompressionPipeline.java");
        whole.bash("cat " + CORE + "gateway/Gateway.java", show(root, CORE + "gateway/Gateway.java"));
        whole.bash("git show --stat -p e2987a2", git(root, "show", "-p", "e2987a2"));

        List<String> rows = new ArrayList<>();
        for (Session s : List.of(first, whole)) {
            String name = s == first ? "first turn (one Read)" : "whole session (" + s.tools + " tool results)";
            String file = s == first ? "code-session-first.json" : "code-session.json";
            Path out = root.resolve("headroom-cli/target").resolve(file);
            Files.createDirectories(out.getParent());
            Files.writeString(out, JsonCodec.write(s.request), StandardCharsets.UTF_8);
            rows.add(row(name, "defaults (code-aware on)", s, b -> b));
            rows.add(row(name, "--no-code-aware", s, b -> b.codeAware(false)));
            rows.add(row(name, "--intercept-tool-results", s, b -> b.interceptToolResults(true)));
        }
        System.out.println("| request | switches | tokens before | tokens after | savings | transforms / reasons |");
        System.out.println("|---|---|---:|---:|---:|---|");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private static String row(String name, String label, Session s, UnaryOperator<HeadroomEngine.Builder> switches) {
        HeadroomEngine engine = switches.apply(Headroom.builder()).build();
        CompressionResult r = engine.compress(JsonCodec.write(s.request));
        long before = EXACT.count(JsonCodec.write(s.request));
        long after = EXACT.count(r.json());
        TreeMap<String, Integer> what = new TreeMap<>();
        for (UnitReport u : r.units()) {
            what.merge(u.compressed() ? u.transform() : u.reason().code(), 1, Integer::sum);
        }
        return String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f%% | %s |", name, label, before, after,
                100.0 * (before - after) / before, what.toString().replaceAll("[{}]", "").replace("=", " ×"));
    }

    /** A growing Anthropic request: user turn, then tool calls each answered by its result. */
    private static final class Session {
        final Path root;
        final ObjectNode request = JsonCodec.mapper().createObjectNode();
        final ArrayNode messages;
        int tools;

        Session(Path root) {
            this.root = root;
            request.put("model", "claude-sonnet-4-5").put("max_tokens", 4096).put("stream", true);
            request.put("system", "You are Claude Code, an interactive CLI tool that helps users with software engineering tasks.");
            messages = request.putArray("messages");
        }

        void user(String text) {
            messages.addObject().put("role", "user").put("content", text);
        }

        void read(String shortName, String path) {
            ObjectNode input = JsonCodec.mapper().createObjectNode().put("file_path", "/repo/" + path);
            call("Read", input, numbered(show(root, path)));
        }

        void bash(String command, String output) {
            call("Bash", JsonCodec.mapper().createObjectNode().put("command", command), output);
        }

        void edit(String path) {
            ObjectNode input = JsonCodec.mapper().createObjectNode().put("file_path", "/repo/" + path)
                    .put("old_string", "boolean retention,").put("new_string", "boolean retention,\n        boolean readLifecycle,");
            call("Edit", input, "The file /repo/" + path + " has been updated. Here's the result of running `cat -n` on a "
                    + "snippet of the edited file:\n    27\t        boolean retention,\n    28\t        boolean readLifecycle,");
        }

        private void call(String tool, ObjectNode input, String result) {
            String id = "toolu_" + String.format(Locale.ROOT, "%02d", ++tools);
            ObjectNode use = messages.addObject().put("role", "assistant").putArray("content").addObject();
            use.put("type", "tool_use").put("id", id).put("name", tool).set("input", input);
            ObjectNode res = messages.addObject().put("role", "user").putArray("content").addObject();
            res.put("type", "tool_result").put("tool_use_id", id).put("content", result);
        }
    }

    /** Claude Code's Read rendering: the line number right-aligned in 6 columns, a tab, the line. */
    static String numbered(String text) {
        StringBuilder sb = new StringBuilder();
        String[] lines = text.split("\n", -1);
        int n = text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, "%6d\t", i + 1)).append(lines[i]).append(i + 1 < n ? "\n" : "");
        }
        return sb.toString();
    }

    private static String show(Path root, String path) {
        return git(root, "show", COMMIT + ":" + path);
    }

    private static String grep(Path root, String word) {
        return git(root, "grep", "-n", word, COMMIT, "--", "headroom-core/src/main/java").replace(COMMIT + ":", "");
    }

    private static String git(Path root, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (the history must include "
                        + COMMIT + "): " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("headroom-core/src/main/java"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }
}
