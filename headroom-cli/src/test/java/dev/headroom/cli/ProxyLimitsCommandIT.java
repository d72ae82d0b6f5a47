package dev.headroom.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate-limit and cache options of {@code headroom proxy}, through the packaged jar and its environment. */
@Timeout(90)
class ProxyLimitsCommandIT {

    @Test
    void rpmOptionAndNoCacheEnvironmentReachTheGateway() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", ex -> {
            seen.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            byte[] body = "{\"id\":\"msg_1\",\"type\":\"message\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        upstream.start();
        Path home = Files.createTempDirectory(Path.of("target"), "limits-home").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "headroom.jar").toString(), "proxy", "--port", "0", "--stateless",
                "--rpm", "2", "--anthropic-api-url", "http://127.0.0.1:" + upstream.getAddress().getPort());
        pb.environment().put("HOME", home.toString());
        pb.environment().put("HEADROOM_NO_CACHE", "true");
        pb.environment().remove("HEADROOM_HOME");
        pb.redirectErrorStream(true);
        Process process = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> banner = new ArrayList<>();
            String base = null;
            String line;
            while ((line = out.readLine()) != null && !line.contains("upstreams:")) {
                banner.add(line);
                Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(line);
                if (m.find()) {
                    base = m.group(1);
                }
            }
            assertThat(base).as("banner: %s", banner).isNotNull();
            assertThat(String.join("\n", banner)).contains("2 requests, 5000000 tokens per minute per API key")
                    .contains("response cache: off");
            HttpClient client = HttpClient.newHttpClient();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(client.send(HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
                        .header("x-api-key", "sk-ant-test-key").header("anthropic-version", "2023-06-01")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            assertThat(statuses).containsExactly(200, 200, 429);
            assertThat(seen.get()).as("identical requests were not cached, the third was refused").isEqualTo(2);
        } finally {
            process.destroy();
            process.waitFor();
            upstream.stop(0);
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
