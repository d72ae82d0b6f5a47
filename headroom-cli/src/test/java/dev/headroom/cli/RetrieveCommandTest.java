package dev.headroom.cli;

import dev.headroom.ccr.SqliteRetentionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RetrieveCommandTest {
    @TempDir
    Path dir;

    private String[] run(String... args) {
        CommandLine cl = HeadroomCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void printsTheOriginalAndFiltersByQuery() {
        Path file = dir.resolve("ccr.db");
        String original = "GET /health 200\nPOST /charge 502 card_declined\nGET /health 200\n";
        String hash;
        try (SqliteRetentionStore store = new SqliteRetentionStore(file)) {
            hash = store.put(original);
        }
        String[] all = run("retrieve", "--store", file.toString(), hash);
        assertThat(all[0]).isEqualTo("0");
        assertThat(all[1]).isEqualTo(original);
        String[] filtered = run("retrieve", "--store", file.toString(), "--query", "declined", hash);
        assertThat(filtered[1]).contains("POST /charge 502 card_declined").doesNotContain("GET /health");
    }

    @Test
    void reportsUnknownHashAndBadInputWithExitTwo() {
        Path file = dir.resolve("ccr.db");
        try (SqliteRetentionStore store = new SqliteRetentionStore(file)) {
            store.put("something");
        }
        String[] unknown = run("retrieve", "--store", file.toString(), "0".repeat(24));
        assertThat(unknown[0]).isEqualTo("2");
        assertThat(unknown[2]).contains("nothing retained");
        assertThat(run("retrieve", "not-a-hash")[0]).isEqualTo("2");
    }
}
