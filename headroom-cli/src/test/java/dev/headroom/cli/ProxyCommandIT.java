package dev.headroom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the packaged {@code headroom.jar proxy} as a user would, against a real upstream on loopback. */
@Timeout(90)
class ProxyCommandIT {

    @Test
    void standaloneJarPrintsBannerAndForwardsToTheConfiguredUpstream() throws Exception {
        Path home = Path.of("target", "proxy-it-home").toAbsolutePath();
        try (FakeAnthropic upstream = new FakeAnthropic(
                "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}]}");
             JarProxy proxy = JarProxy.start(home, Map.of(), "--anthropic-api-url", upstream.url())) {
            String base = proxy.base();
            assertThat(proxy.banner()).contains("export ANTHROPIC_BASE_URL=" + base)
                    .contains("export OPENAI_BASE_URL=" + base + "/v1");

            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
                    .header("x-api-key", "sk-ant-test-key").header("anthropic-version", "2023-06-01")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("hello");
            assertThat(upstream.lastApiKey()).isEqualTo("sk-ant-test-key");
            assertThat(home.resolve(".headroom").resolve("ccr.db")).as("retrieval store under HOME").exists();
        }
    }

    @Test
    void statelessProxyWritesNoFile() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "stateless-home").toAbsolutePath();
        try (JarProxy proxy = JarProxy.start(home, Map.of(), "--stateless")) {
            HttpResponse<String> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(proxy.base() + "/livez")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
        }
        try (var files = Files.list(home)) {
            assertThat(files).as("files under HOME").isEmpty();
        }
    }

    @Test
    void refusesAnOpenHostWithoutTokenWithExitTwo() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "headroom.jar").toString(), "proxy", "--host", "0.0.0.0", "--port", "0")
                .redirectErrorStream(true);
        // its own HOME: the user's real ~/.headroom (perhaps written by a newer Headroom) must not matter
        pb.environment().put("HOME", Files.createTempDirectory(Path.of("target"), "open-host-home").toAbsolutePath().toString());
        pb.environment().remove("HEADROOM_HOME");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(output).contains("HEADROOM_PROXY_TOKEN").doesNotContain("\tat ");
    }
}
