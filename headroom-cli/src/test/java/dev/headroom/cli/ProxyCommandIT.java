package dev.headroom.cli;

import com.sun.net.httpserver.HttpServer;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the packaged {@code headroom.jar proxy} as a user would, against a real upstream on loopback. */
@Timeout(90)
class ProxyCommandIT {

    @Test
    void standaloneJarPrintsBannerAndForwardsToTheConfiguredUpstream() throws Exception {
        AtomicReference<String> seenKey = new AtomicReference<>();
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", ex -> {
            seenKey.set(ex.getRequestHeaders().getFirst("x-api-key"));
            ex.getRequestBody().readAllBytes();
            byte[] body = "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}]}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        upstream.start();
        Path jar = Path.of("target", "headroom.jar");
        assertThat(jar).exists();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "proxy", "--port", "0",
                "--anthropic-api-url", "http://127.0.0.1:" + upstream.getAddress().getPort());
        Path home = Path.of("target", "proxy-it-home").toAbsolutePath();
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("HEADROOM_HOME");
        pb.redirectErrorStream(true);
        Process process = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> banner = new ArrayList<>();
            String line;
            Pattern listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
            String base = null;
            while (base == null && (line = out.readLine()) != null) {
                banner.add(line);
                Matcher m = listening.matcher(line);
                if (m.find()) {
                    base = m.group(1);
                }
            }
            assertThat(base).as("banner: %s", banner).isNotNull();
            while ((line = out.readLine()) != null) {
                banner.add(line);
                if (line.contains("OPENAI_BASE_URL")) {
                    break;
                }
            }
            assertThat(String.join("\n", banner)).contains("export ANTHROPIC_BASE_URL=" + base)
                    .contains("export OPENAI_BASE_URL=" + base + "/v1");

            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
                    .header("x-api-key", "sk-ant-test-key").header("anthropic-version", "2023-06-01")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("hello");
            assertThat(seenKey.get()).isEqualTo("sk-ant-test-key");
            assertThat(home.resolve(".headroom").resolve("ccr.db")).as("retrieval store under HOME").exists();
        } finally {
            process.destroy();
            process.waitFor();
            upstream.stop(0);
        }
    }

    @Test
    void statelessProxyWritesNoFile() throws Exception {
        Path home = java.nio.file.Files.createTempDirectory(Path.of("target"), "stateless-home").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "headroom.jar").toString(), "proxy", "--port", "0", "--stateless");
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("HEADROOM_HOME");
        pb.redirectErrorStream(true);
        Process process = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            String base = null;
            while (base == null && (line = out.readLine()) != null) {
                Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(line);
                if (m.find()) {
                    base = m.group(1);
                }
            }
            assertThat(base).isNotNull();
            HttpResponse<String> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/livez")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
        } finally {
            process.destroy();
            process.waitFor();
        }
        try (var files = java.nio.file.Files.list(home)) {
            assertThat(files).as("files under HOME").isEmpty();
        }
    }

    @Test
    void refusesAnOpenHostWithoutTokenWithExitTwo() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "headroom.jar").toString(), "proxy", "--host", "0.0.0.0", "--port", "0")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(output).contains("HEADROOM_PROXY_TOKEN").doesNotContain("\tat ");
    }
}
