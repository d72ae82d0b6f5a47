package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged proxy with {@code --log-file}, read back by {@code headroom stats} as a user would. */
@Timeout(90)
class StatsCommandIT {
    private static final String KEY = "sk-ant-api03-CLI-PLANTED-0123456789";
    @TempDir
    Path dir;
    private HttpServer upstream;
    private Process process;
    private int port;

    @BeforeEach
    void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] body = "{\"id\":\"msg_1\",\"type\":\"message\",\"usage\":{\"input_tokens\":11,\"output_tokens\":22}}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        upstream.start();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "headroom.jar").toString(), "proxy", "--port", "0",
                "--log-file", dir.resolve("log/requests.jsonl").toString(),
                "--anthropic-api-url", "http://127.0.0.1:" + upstream.getAddress().getPort());
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().remove("HEADROOM_HOME");
        pb.redirectErrorStream(true);
        process = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
        for (String line; port == 0 && (line = out.readLine()) != null; ) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            }
        }
        assertThat(port).isPositive();
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    @AfterEach
    void stop() throws Exception {
        process.destroy();
        process.waitFor();
        upstream.stop(0);
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
                .contains("claude-sonnet-4-5").contains("list prices as of");

        String logText = Files.readString(log);
        assertThat(logText).doesNotContain(KEY).contains("\"output_tokens\":22");

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("headroom_output_tokens_total{model=\"claude-sonnet-4-5\",provider=\"anthropic\"} 22");
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
