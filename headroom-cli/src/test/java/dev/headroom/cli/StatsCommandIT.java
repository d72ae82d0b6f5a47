package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged proxy with {@code --log-file}, read back by {@code headroom stats} as a user would. */
@Timeout(90)
class StatsCommandIT {
    private static final String KEY = "sk-ant-api03-CLI-PLANTED-0123456789";
    @TempDir
    Path dir;
    private FakeAnthropic upstream;
    private JarProxy proxy;
    private int port;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeAnthropic("{\"id\":\"msg_1\",\"type\":\"message\",\"usage\":{\"input_tokens\":11,\"output_tokens\":22}}");
        proxy = JarProxy.start(dir.resolve("home"), java.util.Map.of(),
                "--log-file", dir.resolve("log/requests.jsonl").toString(),
                "--anthropic-api-url", upstream.url());
        port = proxy.port();
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        upstream.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run headroom(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HeadroomCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void statsShowsWhatTheProxyCountedAndTheLogHoldsNoKey() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                .header("x-api-key", KEY).header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        Path log = dir.resolve("log/requests.jsonl");
        JsonNode stats = null;
        for (int attempt = 0; attempt < 100; attempt++) { // the record lands just after the response completes
            Run raw = headroom("stats", "--port", Integer.toString(port), "--json");
            assertThat(raw.exit()).isZero();
            stats = JsonCodec.parse(raw.out());
            if (stats.at("/requests/total").asLong() == 1 && Files.exists(log) && !Files.readString(log).isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(stats.at("/requests/total").asLong()).isEqualTo(1);
        assertThat(stats.at("/tokens/output").asLong()).isEqualTo(22);

        Run summary = headroom("stats", "--port", Integer.toString(port));
        assertThat(summary.exit()).isZero();
        assertThat(summary.out()).contains("Requests   1 total").contains("11 input, 22 output")
                .contains("claude-sonnet-4-5").contains("list prices as of").doesNotContain("Budget");

        String logText = Files.readString(log);
        assertThat(logText).doesNotContain(KEY).contains("\"output_tokens\":22");

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("headroom_output_tokens_total{model=\"claude-sonnet-4-5\",provider=\"anthropic\"} 22");
        HttpResponse<byte[]> protobuf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Accept", "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(protobuf.headers().firstValue("content-type").orElse("")).as("the shaded jar carries the protobuf writer")
                .startsWith("application/vnd.google.protobuf");
    }

    /** 11 input and 22 output tokens of claude-sonnet-4-5 at $3 and $15 per million: $0.000363, over a $0.0003 budget. */
    @Test
    void statsShowsTheBudgetSpentAndWhenItResetsAndSaysWhenItIsExhausted() throws Exception {
        try (JarProxy budgeted = JarProxy.start(dir.resolve("budget-home"), java.util.Map.of(), "--stateless",
                "--anthropic-api-url", upstream.url(), "--budget", "0.0003", "--budget-period", "monthly")) {
            String budgetPort = Integer.toString(budgeted.port());
            Run fresh = headroom("stats", "--port", budgetPort);
            assertThat(fresh.exit()).isZero();
            JsonNode before = JsonCodec.parse(headroom("stats", "--port", budgetPort, "--json").out()).get("budget");
            assertThat(fresh.out()).contains("Budget     $0.00 of $0.0003 monthly spent, resets " + before.get("resets_at").asText() + "\n");

            assertThat(send(budgeted.port(), "first").statusCode()).isEqualTo(200);
            JsonNode budget = null;
            for (int attempt = 0; attempt < 100; attempt++) { // charged just after the answer
                budget = JsonCodec.parse(headroom("stats", "--port", budgetPort, "--json").out()).get("budget");
                if (budget.get("exhausted").asBoolean()) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(budget.get("spent_usd").asText()).isEqualTo("0.000363");
            assertThat(budget.get("exhausted").asBoolean()).isTrue();
            Run exhausted = headroom("stats", "--port", budgetPort);
            assertThat(exhausted.exit()).isZero();
            assertThat(exhausted.out()).contains("Budget     $0.000363 of $0.0003 monthly spent, resets "
                    + budget.get("resets_at").asText() + " (exhausted: provider requests are refused until then)\n");
            assertThat(send(budgeted.port(), "second").statusCode()).isEqualTo(429);
        }
    }

    private static HttpResponse<String> send(int port, String text) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                .header("x-api-key", KEY).header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statsExitsTwoWithOneLineWhenNoProxyAnswers() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        Run run = headroom("stats", "--port", Integer.toString(deadPort));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).startsWith("headroom: error: no Headroom proxy answers at http://127.0.0.1:" + deadPort)
                .doesNotContain("\n");
    }
}
