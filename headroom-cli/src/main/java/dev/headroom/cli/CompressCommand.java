package dev.headroom.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.ccr.SqliteRetentionStore;
import dev.headroom.core.CompressOptions;
import dev.headroom.core.CompressionResult;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.core.HeadroomException;
import dev.headroom.core.TextCompression;
import dev.headroom.retention.InMemoryRetentionStore;
import dev.headroom.retention.RetentionStore;
import dev.headroom.wire.JsonCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code headroom compress}: compress a request, or one tool output with {@code --text}. The originals behind
 * the markers go to the local retrieval store ({@code ~/.headroom/ccr.db} or {@code --store FILE}; memory with
 * {@code --stateless}), so that {@code headroom retrieve HASH} prints them.
 */
@Command(name = "compress", mixinStandardHelpOptions = true,
        description = {"Compress an Anthropic or OpenAI request (format detected) and print it.",
                "With --text, treat the input as one tool output and print the compressed text."})
final class CompressCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-", description = "Input file; '-' or none reads standard input.")
    String input;

    @Option(names = "--query", paramLabel = "TEXT", description = "The question the tool outputs should answer.")
    String query;

    @Option(names = "--model", paramLabel = "NAME", description = "Model whose tokenizer counts tokens (default: the request's).")
    String model;

    @Option(names = "--lossless", description = "Only transformations that lose nothing; no retrieval markers.")
    boolean lossless;

    @Option(names = "--target-ratio", paramLabel = "R", description = "Desired output size relative to input, in (0, 1].")
    double targetRatio;

    @Option(names = "--text", description = "The input is one tool output, not a request.")
    boolean text;

    @Option(names = "--tool", paramLabel = "NAME", description = "With --text: the name of the tool that produced it.")
    String tool = "";

    @Option(names = "--stats", description = "Write one JSON line of statistics to standard error.")
    boolean stats;

    @Option(names = "--store", paramLabel = "FILE",
            description = "SQLite store for the originals behind the markers, so that 'headroom retrieve HASH' prints them (default: ~/.headroom/ccr.db).")
    Path store;

    @Option(names = "--stateless", description = "Keep the originals in memory only: write no file (markers then cannot be redeemed later).")
    boolean stateless;

    @Mixin
    CompressionSwitches switches;

    /** Standard input; replaceable so tests can feed it. */
    InputStream stdin = System.in;

    @Override
    public Integer call() throws IOException {
        if (targetRatio < 0 || targetRatio > 1) {
            return fail("--target-ratio must be in (0, 1], got " + targetRatio);
        }
        byte[] bytes;
        try {
            bytes = read();
        } catch (NoSuchFileException e) {
            return fail("no such file: " + e.getFile());
        }
        if (switches.conflict().isPresent()) {
            return fail(switches.conflict().get());
        }
        if (stateless && store != null) {
            return fail("--store and --stateless exclude each other");
        }
        RetentionStore originals;
        try {
            originals = openStore();
        } catch (RuntimeException e) {
            return fail("cannot open the retrieval store: " + OneLine.of(e));
        }
        try {
            HeadroomEngine engine = switches.apply(Headroom.builder()).lossless(lossless).targetRatio(targetRatio)
                    .retentionStore(originals).build();
            return text ? compressText(engine, new String(bytes, StandardCharsets.UTF_8)) : compressRequest(engine, bytes);
        } catch (HeadroomException e) {
            return fail(OneLine.of(e));
        } finally {
            if (originals instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    spec.commandLine().getErr().println("headroom: warning: closing the retrieval store: " + OneLine.of(e));
                }
            }
        }
    }

    /** Every original a marker points to is kept where {@code headroom retrieve} finds it (issue 9: a marker is a promise). */
    private RetentionStore openStore() {
        if (stateless || lossless) {
            return new InMemoryRetentionStore(); // lossless output has no markers to redeem
        }
        if (store != null) {
            return new SqliteRetentionStore(store); // asked for: a failure to open it is an error
        }
        try {
            return new SqliteRetentionStore(SqliteRetentionStore.defaultFile());
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("headroom: warning: " + OneLine.of(e)
                    + "; keeping the originals in memory (this run's markers cannot be redeemed later)");
            return new InMemoryRetentionStore();
        }
    }

    private int compressRequest(HeadroomEngine engine, byte[] bytes) {
        CompressOptions options = query == null ? CompressOptions.DEFAULT : CompressOptions.DEFAULT.withQuery(query);
        if (model != null) {
            bytes = withModel(bytes, model);
        }
        CompressionResult result = engine.compress(bytes, options);
        spec.commandLine().getOut().print(result.json());
        spec.commandLine().getOut().println();
        spec.commandLine().getOut().flush();
        stats(result.tokensBefore(), result.tokensAfter(), result.transforms(), result.elapsed().toNanos());
        return 0;
    }

    /** Counting with another model's tokenizer means naming that model in the request we count. */
    private static byte[] withModel(byte[] bytes, String model) {
        var root = JsonCodec.parse(bytes);
        if (root.isObject()) {
            ((ObjectNode) root).put("model", model);
        }
        return JsonCodec.writeBytes(root);
    }

    private int compressText(HeadroomEngine engine, String input) {
        TextCompression result = engine.compressText(input, tool, query == null ? "" : query, model == null ? "" : model);
        spec.commandLine().getOut().print(result.text());
        if (!result.text().endsWith("\n")) {
            spec.commandLine().getOut().println();
        }
        spec.commandLine().getOut().flush();
        List<String> transforms = result.report().compressed() ? List.of(result.report().transform()) : List.of();
        stats(result.report().tokensBefore(), result.report().tokensAfter(), transforms, result.elapsed().toNanos());
        return 0;
    }

    private void stats(long before, long after, List<String> transforms, long nanos) {
        if (!stats) {
            return;
        }
        ObjectNode line = JsonCodec.mapper().createObjectNode();
        line.put("tokens_before", before);
        line.put("tokens_after", after);
        ArrayNode names = line.putArray("transforms");
        transforms.forEach(names::add);
        line.put("ms", Math.round(nanos / 10_000.0) / 100.0);
        spec.commandLine().getErr().println(JsonCodec.write(line));
        spec.commandLine().getErr().flush();
    }

    private byte[] read() throws IOException {
        if (input == null || input.equals("-")) {
            return stdin.readAllBytes();
        }
        return Files.readAllBytes(Path.of(input));
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("headroom: error: " + message);
        spec.commandLine().getErr().flush();
        return 2;
    }
}
