package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
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

/** The packaged proxy keeps lifetime savings in {@code $HOME/.headroom/history.db} across a restart. */
@Timeout(120)
class SavingsHistoryRestartIT {
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer upstream;
    private Path home;
    private int sent;

    @BeforeEach
    void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] body = "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[],\"usage\":{\"input_tokens\":40,\"output_tokens\":6}}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        upstream.start();
        home = Files.createTempDirectory(Path.of("target"), "history-home").toAbsolutePath();
    }

    @AfterEach
    void stop() {
        upstream.stop(0);
    }

    private Process startProxy() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "headroom.jar").toString(), "proxy", "--port", "0",
                "--anthropic-api-url", "http://127.0.0.1:" + upstream.getAddress().getPort());
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("HEADROOM_HOME");
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private static String baseUrl(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "drain");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new AssertionError("the proxy printed no address");
    }

    /** Sends a request unlike the ones before (identical ones would be answered by the response cache). */
    private long send(String base) throws Exception {
        String toolResult = "FATAL build " + (++sent) + " failed\n" + "compiling module step ok\n".repeat(400);
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"what failed?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Bash\",\"input\":{\"command\":\"make\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":"
                + JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(toolResult)) + "}]}]}";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
                .header("x-api-key", "sk-ant-test").header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return Long.parseLong(r.headers().firstValue("x-headroom-tokens-before").orElse("0"))
                - Long.parseLong(r.headers().firstValue("x-headroom-tokens-after").orElse("0"));
    }

    private JsonNode lifetime(String base, long requests) throws Exception {
        JsonNode root;
        do { // the proxy records a request just after its response completed
            root = JsonCodec.parse(client.send(HttpRequest.newBuilder(URI.create(base + "/stats-history")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } while (root.at("/lifetime/requests").asLong() < requests);
        return root.get("lifetime");
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM: the shutdown hook writes what is queued and closes the file
        assertThat(p.waitFor()).isIn(0, 143);
    }

    @Test
    void lifetimeSavingsSurviveARestartOnTheSameHome() throws Exception {
        Process first = startProxy();
        long saved;
        try {
            String base = baseUrl(first);
            saved = send(base) + send(base);
            JsonNode life = lifetime(base, 2);
            assertThat(life.get("tokens_saved").asLong()).isEqualTo(saved).isPositive();
        } finally {
            stop(first);
        }
        assertThat(home.resolve(".headroom").resolve("history.db")).exists();

        Process second = startProxy();
        try {
            String base = baseUrl(second);
            JsonNode life = lifetime(base, 2);
            assertThat(life.get("requests").asLong()).isEqualTo(2);
            assertThat(life.get("tokens_saved").asLong()).isEqualTo(saved);
            assertThat(life.get("output_tokens").asLong()).isEqualTo(12);
            assertThat(life.get("cost_saved_usd").decimalValue()).as("priced with the built-in table").isPositive();
            JsonNode persistent = JsonCodec.parse(client.send(HttpRequest.newBuilder(URI.create(base + "/stats")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("persistent_savings");
            assertThat(persistent.get("tokens_saved").asLong()).isEqualTo(saved);
            assertThat(persistent.get("requests").asLong()).isEqualTo(2);
            long more = send(base);
            assertThat(lifetime(base, 3).get("tokens_saved").asLong()).isEqualTo(saved + more);
            String csv = client.send(HttpRequest.newBuilder(URI.create(base + "/stats-history?format=csv&series=monthly")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(csv.lines()).hasSize(2);
            assertThat(csv.lines().skip(1).findFirst().orElseThrow()).contains(",3,0,");
        } finally {
            stop(second);
        }
    }
}
