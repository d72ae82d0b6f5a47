package dev.headroom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate-limit and cache options of {@code headroom proxy}, through the packaged jar and its environment. */
@Timeout(90)
class ProxyLimitsCommandIT {

    @Test
    void rpmOptionAndNoCacheEnvironmentReachTheGateway() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "limits-home").toAbsolutePath();
        try (FakeAnthropic upstream = new FakeAnthropic(
                "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}]}");
             JarProxy proxy = JarProxy.start(home, Map.of("HEADROOM_NO_CACHE", "true"), "--stateless", "--rpm", "2",
                     "--anthropic-api-url", upstream.url())) {
            assertThat(proxy.banner()).contains("2 requests, 5000000 tokens per minute per API key")
                    .contains("response cache: off");
            HttpClient client = HttpClient.newHttpClient();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(client.send(HttpRequest.newBuilder(URI.create(proxy.base() + "/v1/messages"))
                        .header("x-api-key", "sk-ant-test-key").header("anthropic-version", "2023-06-01")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            assertThat(statuses).containsExactly(200, 200, 429);
            assertThat(upstream.requests()).as("identical requests were not cached, the third was refused").isEqualTo(2);
        }
    }

    @Test
    void refusesOutOfRangeLimitsWithExitTwo() {
        StringWriter err = new StringWriter();
        CommandLine cl = HeadroomCli.commandLine();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("proxy", "--port", "0", "--rpm", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--rpm and --tpm must be in [1, 100000000]");
        assertThat(cl.execute("proxy", "--port", "0", "--cache-ttl", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--cache-ttl must be a positive number of seconds");
    }
}
