package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged proxy keeps lifetime savings in {@code $HOME/.headroom/history.db} across a restart. */
@Timeout(120)
class SavingsHistoryRestartIT {
    private final HttpClient client = HttpClient.newHttpClient();
    private FakeAnthropic upstream;
    private Path home;
    private int sent;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeAnthropic("{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[],\"usage\":{\"input_tokens\":40,\"output_tokens\":6}}");
        home = Files.createTempDirectory(Path.of("target"), "history-home").toAbsolutePath();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    private JarProxy startProxy() throws Exception {
        return JarProxy.start(home, java.util.Map.of(), "--anthropic-api-url", upstream.url());
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

    private static void stop(JarProxy p) throws InterruptedException {
        assertThat(p.stop()).isIn(0, 143); // SIGTERM: the shutdown hook writes what is queued and closes the file
    }

    @Test
    void lifetimeSavingsSurviveARestartOnTheSameHome() throws Exception {
        JarProxy first = startProxy();
        long saved;
        try {
            String base = first.base();
            saved = send(base) + send(base);
            JsonNode life = lifetime(base, 2);
            assertThat(life.get("tokens_saved").asLong()).isEqualTo(saved).isPositive();
        } finally {
            stop(first);
        }
        assertThat(home.resolve(".headroom").resolve("history.db")).exists();

        JarProxy second = startProxy();
        try {
            String base = second.base();
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
