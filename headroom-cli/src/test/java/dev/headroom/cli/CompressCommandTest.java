package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CompressCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String stdin, String... args) {
        CommandLine cl = HeadroomCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        if (stdin != null) {
            CommandLine sub = cl.getSubcommands().get("compress");
            ((CompressCommand) sub.getCommand()).stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        }
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static String bigLogRequest() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            log.append("2026-11-26T10:").append(String.format("%02d:%02d", i / 60, i % 60))
                    .append("Z INFO  http GET /api/health status=200 duration=").append(3 + i % 7).append("ms\\n");
        }
        log.append("2026-11-26T10:07:00Z FATAL db connection pool exhausted: 50/50 in use\\n");
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":512,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"why did the service crash?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"Bash\",\"input\":{\"command\":\"kubectl logs api\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01\",\"content\":\"" + log + "\"}]}]}";
    }

    @Test
    void compressesRequestFromFileAndWritesOneStatsLine() throws Exception {
        Path file = dir.resolve("request.json");
        Files.writeString(file, bigLogRequest());
        Run run = run(null, "compress", "--stats", file.toString());
        assertThat(run.exit()).isZero();
        JsonNode out = JsonCodec.parse(run.out());
        assertThat(out.path("messages")).hasSize(3);
        assertThat(out.at("/messages/2/content/0/content").asText()).contains("FATAL db connection pool exhausted");
        JsonNode stats = JsonCodec.parse(run.err().strip());
        assertThat(stats.fieldNames()).toIterable().containsExactly("tokens_before", "tokens_after", "transforms", "ms");
        assertThat(stats.get("tokens_after").asLong()).isLessThan(stats.get("tokens_before").asLong());
    }

    @Test
    void readsStandardInputWhenNoFileIsGiven() {
        Run run = run("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "compress");
        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).isEqualTo("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void textModeCompressesOneToolOutput() {
        String log = JsonCodec.parse(bigLogRequest()).at("/messages/2/content/0/content").asText();
        Run run = run(log, "compress", "--text", "--tool", "Bash", "--stats", "-");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("FATAL db connection pool exhausted").hasSizeLessThan(log.length());
        assertThat(JsonCodec.parse(run.err().strip()).get("transforms")).isNotEmpty();
    }

    @Test
    void losslessModeEmitsNoMarker() {
        Run run = run(bigLogRequest(), "compress", "--lossless");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).doesNotContain("headroom_retrieve");
    }

    @Test
    void badJsonGivesOneLineErrorAndExitTwo() {
        Run run = run("{not json", "compress");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("headroom: error: request is not valid JSON").doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownShapeGivesOneLineErrorAndExitTwo() {
        Run run = run("{\"prompt\":\"x\"}", "compress");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void missingFileGivesOneLineErrorAndExitTwo() {
        Run run = run(null, "compress", dir.resolve("nope.json").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no such file");
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitTwo() {
        Run run = run(null, "compress", "--frobnicate");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option");
    }

    @Test
    void storesEveryRetainedOriginalSoThatRetrievePrintsIt() {
        Path store = dir.resolve("ccr.db");
        Run compressed = run(bigLogRequest(), "compress", "--store", store.toString());
        assertThat(compressed.exit()).isZero();
        java.util.List<String> hashes = dev.headroom.retention.Marker.hashesIn(compressed.out());
        assertThat(hashes).isNotEmpty();

        for (String hash : hashes) {
            Run retrieved = run(null, "retrieve", "--store", store.toString(), hash);
            assertThat(retrieved.exit()).as("exit of retrieve %s", hash).isZero();
            assertThat(retrieved.out()).contains("FATAL db connection pool exhausted: 50/50 in use");
        }
    }

    @Test
    void statelessKeepsOriginalsInMemoryAndWritesNoFile() {
        Run compressed = run(bigLogRequest(), "compress", "--stateless");

        assertThat(compressed.exit()).isZero();
        assertThat(dev.headroom.retention.Marker.hashesIn(compressed.out())).isNotEmpty();
        assertThat(run(bigLogRequest(), "compress", "--stateless", "--store", dir.resolve("x.db").toString()).exit()).isEqualTo(2);
        assertThat(dir.resolve("x.db")).doesNotExist();
    }
}
