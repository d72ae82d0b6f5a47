package dev.headroom.cli;

import dev.headroom.ccr.SqliteRetentionStore;
import dev.headroom.retention.ContentHash;
import dev.headroom.retention.RetrieveQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code headroom retrieve HASH}: print an original that the proxy retained, from the local store. */
@Command(name = "retrieve", mixinStandardHelpOptions = true,
        description = "Print the original behind a [headroom: … hash=HASH] marker, from the local retrieval store.")
final class RetrieveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HASH", description = "The 24-character hash from the marker.")
    String hash;

    @Option(names = "--query", paramLabel = "TEXT", description = "Only the lines or items matching these words.")
    String query;

    @Option(names = "--store", paramLabel = "FILE", description = "The SQLite store (default: ~/.headroom/ccr.db).")
    Path store;

    @Override
    public Integer call() {
        if (!ContentHash.isValid(hash)) {
            return fail("not a retrieval hash (24 lower-case hex characters): " + hash);
        }
        Path file = store != null ? store : SqliteRetentionStore.defaultFile();
        if (!Files.exists(file)) {
            return fail("no retrieval store at " + file);
        }
        Optional<String> original;
        try (SqliteRetentionStore sqlite = new SqliteRetentionStore(file)) {
            original = sqlite.get(hash);
        }
        if (original.isEmpty()) {
            return fail("nothing retained under " + hash + " (expired or never stored here)");
        }
        String text = query == null || query.isBlank() ? original.get() : RetrieveQuery.apply(original.get(), query);
        spec.commandLine().getOut().print(text);
        if (!text.endsWith("\n")) {
            spec.commandLine().getOut().println();
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("headroom: error: " + message);
        spec.commandLine().getErr().flush();
        return 2;
    }
}
