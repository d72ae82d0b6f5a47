package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.testkit.ToolCallRequests;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code headroom.jar proxy} with each compression switch (by flag or by its environment variable),
 * between a real client and a real upstream on loopback: what the upstream receives shows whether it was honoured.
 */
@Timeout(120)
class ProxySwitchesIT {
    private static final String BASH_OUTPUT = "2026-11-26T10:00:00Z INFO bash step served status=200\n".repeat(120);
    private static final String GREP_OUTPUT = "2026-11-26T10:00:00Z INFO grep step served status=200\n".repeat(120);
    private static final String JAVA_PATH = "/repo/headroom-core/src/main/java/dev/headroom/pipeline/CompressionPipeline.java";
    private static final String JAVA_READ = numbered(source());

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String source() {
        try {
            return Files.readString(Path.of("..", "headroom-core/src/main/java/dev/headroom/pipeline/CompressionPipeline.java"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claude Code's Read rendering. */
    private static String numbered(String text) {
        StringBuilder sb = new StringBuilder();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            sb.append(String.format("%6d\t%s%n", i + 1, lines[i]));
        }
        return sb.toString();
    }

    private static JarProxy proxy(CapturingUpstream upstream, Map<String, String> env, String... args) throws IOException {
        Path home = Files.createTempDirectory(Path.of("target"), "switches-home").toAbsolutePath();
        List<String> all = new ArrayList<>(List.of("--stateless", "--anthropic-api-url", upstream.url(), "--openai-api-url", upstream.url()));
        all.addAll(List.of(args));
        return JarProxy.start(home, env, all.toArray(String[]::new));
    }

    private HttpResponse<String> post(JarProxy proxy, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(proxy.base() + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (path.startsWith("/v1/messages")) {
            b.header("x-api-key", "sk-ant-test-key").header("anthropic-version", "2023-06-01");
        } else {
            b.header("authorization", "Bearer sk-test-key");
        }
        HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** What the upstream received for {@code body} sent to {@code path}, parsed. */
    private JsonNode forwarded(JarProxy proxy, CapturingUpstream upstream, String path, String body) throws Exception {
        post(proxy, path, body);
        return JsonCodec.parse(upstream.lastBody().getBytes(StandardCharsets.UTF_8));
    }

    private static String conversation(List<String[]> calls) {
        ObjectNode root = JsonCodec.mapper().createObjectNode().put("model", "claude-sonnet-4-5").put("max_tokens", 10);
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "user").put("content", "how is eligibility decided?");
        int id = 0;
        for (String[] call : calls) {
            String toolId = "toolu_" + (++id);
            ObjectNode use = messages.addObject().put("role", "assistant").putArray("content").addObject();
            use.put("type", "tool_use").put("id", toolId).put("name", call[0]).putObject("input").put("file_path", call[1]);
            ObjectNode res = messages.addObject().put("role", "user").putArray("content").addObject();
            res.put("type", "tool_result").put("tool_use_id", toolId).put("content", call[2]);
        }
        return JsonCodec.write(root);
    }

    @Test
    void protectToolResultsKeepsTheNamedToolsResultsWholeInEveryWireFormat() throws Exception {
        try (CapturingUpstream upstream = new CapturingUpstream();
             JarProxy proxy = proxy(upstream, Map.of(), "--protect-tool-results", "Bash")) {
            JsonNode anthropic = forwarded(proxy, upstream, "/v1/messages",
                    ToolCallRequests.anthropic("Bash", BASH_OUTPUT, "Grep", GREP_OUTPUT));
            JsonNode chat = forwarded(proxy, upstream, "/v1/chat/completions",
                    ToolCallRequests.chat("Bash", BASH_OUTPUT, "Grep", GREP_OUTPUT));
            JsonNode responses = forwarded(proxy, upstream, "/v1/responses",
                    ToolCallRequests.responses("Bash", BASH_OUTPUT, "Grep", GREP_OUTPUT));

            assertThat(anthropic.at("/messages/2/content/0/content").asText()).isEqualTo(BASH_OUTPUT);
            assertThat(anthropic.at("/messages/2/content/1/content").asText()).isNotEqualTo(GREP_OUTPUT);
            assertThat(chat.at("/messages/2/content").asText()).isEqualTo(BASH_OUTPUT);
            assertThat(chat.at("/messages/3/content").asText()).isNotEqualTo(GREP_OUTPUT);
            assertThat(responses.at("/input/3/output").asText()).isEqualTo(BASH_OUTPUT);
            assertThat(responses.at("/input/4/output").asText()).isNotEqualTo(GREP_OUTPUT);
            assertThat(proxy.banner()).contains("protected tools: Bash");
        }
    }

    @Test
    void protectToolResultsTrueFromTheEnvironmentProtectsEveryToolAsTheOldFlagDid() throws Exception {
        try (CapturingUpstream upstream = new CapturingUpstream();
             JarProxy proxy = proxy(upstream, Map.of("HEADROOM_PROTECT_TOOL_RESULTS", "true"))) {
            String request = ToolCallRequests.anthropic("Bash", BASH_OUTPUT, "Grep", GREP_OUTPUT);
            post(proxy, "/v1/messages", request);
            assertThat(upstream.lastBody()).isEqualTo(request);
        }
    }

    @Test
    void codeAwareOffFromTheEnvironmentLeavesSourceCodeWhole() throws Exception {
        String readTwice = conversation(List.of(new String[] {"Read", JAVA_PATH, JAVA_READ},
                new String[] {"Read", JAVA_PATH, JAVA_READ}));
        try (CapturingUpstream upstream = new CapturingUpstream()) {
            try (JarProxy defaults = proxy(upstream, Map.of())) {
                JsonNode out = forwarded(defaults, upstream, "/v1/messages", readTwice);
                assertThat(out.at("/messages/2/content/0/content").asText()).as("the earlier read, outlined")
                        .contains("headroom_retrieve").hasSizeLessThan(JAVA_READ.length() / 2);
            }
            try (JarProxy off = proxy(upstream, Map.of("HEADROOM_CODE_AWARE_ENABLED", "false"))) {
                post(off, "/v1/messages", readTwice);
                assertThat(upstream.lastBody()).isEqualTo(readTwice);
                assertThat(off.banner()).contains("code-aware: off");
            }
        }
    }

    @Test
    void noReadLifecycleLeavesAReadOfAFileEditedSinceAsItWas() throws Exception {
        String v1 = numbered("Payments are charged once per order; refunds go back to the card.\n".repeat(20));
        String v2 = numbered("Payments are charged once per order, with three retries; refunds go back to the card.\n".repeat(20));
        String stale = conversation(List.of(new String[] {"Read", "/repo/PAYMENTS.txt", v1},
                new String[] {"Edit", "/repo/PAYMENTS.txt", "The file /repo/PAYMENTS.txt has been updated."},
                new String[] {"Read", "/repo/PAYMENTS.txt", v2}));
        try (CapturingUpstream upstream = new CapturingUpstream()) {
            try (JarProxy defaults = proxy(upstream, Map.of())) {
                assertThat(forwarded(defaults, upstream, "/v1/messages", stale).at("/messages/2/content/0/content").asText())
                        .startsWith("[stale read of /repo/PAYMENTS.txt");
            }
            try (JarProxy off = proxy(upstream, Map.of(), "--no-read-lifecycle")) {
                assertThat(forwarded(off, upstream, "/v1/messages", stale).at("/messages/2/content/0/content").asText())
                        .doesNotContain("[stale read of");
            }
        }
    }

    @Test
    void interceptToolResultsOutlinesTheNewestReadOfASourceFile() throws Exception {
        String oneRead = conversation(List.<String[]>of(new String[] {"Read", JAVA_PATH, JAVA_READ}));
        try (CapturingUpstream upstream = new CapturingUpstream()) {
            try (JarProxy defaults = proxy(upstream, Map.of())) {
                post(defaults, "/v1/messages", oneRead);
                assertThat(upstream.lastBody()).as("the newest read stays whole by default").isEqualTo(oneRead);
            }
            try (JarProxy intercept = proxy(upstream, Map.of(), "--intercept-tool-results")) {
                String outlined = forwarded(intercept, upstream, "/v1/messages", oneRead).at("/messages/2/content/0/content").asText();
                assertThat(outlined).contains("public final class CompressionPipeline").contains("headroom_retrieve")
                        .hasSizeLessThan(JAVA_READ.length() / 2);
            }
        }
    }

    @Test
    void workersFromTheEnvironmentLimitTheRequestsServedAtOnce() throws Exception {
        try (CapturingUpstream upstream = new CapturingUpstream();
             JarProxy proxy = proxy(upstream, Map.of("HEADROOM_WORKERS", "2"))) {
            upstream.holdRequests();
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                responses.add(client.sendAsync(HttpRequest.newBuilder(URI.create(proxy.base() + "/v1/messages"))
                        .timeout(Duration.ofSeconds(30)).header("x-api-key", "sk-ant-test-" + i).header("anthropic-version", "2023-06-01")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"request " + i + "\"}]}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (upstream.bodies.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(700); // time for any further request to get through, were it not held back
            assertThat(upstream.peakInFlight.get()).isEqualTo(2);
            upstream.release();
            for (CompletableFuture<HttpResponse<String>> r : responses) {
                assertThat(r.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            assertThat(upstream.bodies).hasSize(5);
            assertThat(proxy.banner()).contains("request threads: 2 worker threads");
        }
    }

    @Test
    void telemetryIsAcceptedAndTheProxyCallsOnlyItsUpstream() throws Exception {
        try (CapturingUpstream upstream = new CapturingUpstream();
             JarProxy proxy = proxy(upstream, Map.of(), "--telemetry")) {
            assertThat(proxy.banner()).contains("telemetry: off (--telemetry accepted; this proxy sends nothing anywhere)");
            post(proxy, "/v1/messages", ToolCallRequests.anthropic("Bash", BASH_OUTPUT, "Grep", GREP_OUTPUT));
            Thread.sleep(300);
            assertThat(upstream.bodies).hasSize(1);
        }
    }
}
