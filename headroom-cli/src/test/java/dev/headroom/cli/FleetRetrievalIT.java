package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.retention.Marker;
import dev.headroom.testkit.ToolCallRequests;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged proxies sharing one real redis-server: a tool result compressed by instance A reaches the model
 * through instance B (as a client that keeps the compressed history sends it), the model calls
 * {@code headroom_retrieve} for A's marker, and B serves the call from Redis, whole and streamed. B never saw
 * the original.
 */
class FleetRetrievalIT {
    /** A line inside the omitted middle of the log: only the original has it. */
    private static final String NEEDLE = "path=/api/items/150 ";
    private static final String LOG = IntStream.range(0, 300)
            .mapToObj(i -> "2026-11-26T10:00:" + String.format("%02d", i % 60) + "Z INFO request id=" + (i * 7919 % 100_003)
                    + " path=/api/items/" + i + " served status=200 in " + (i % 17) + " ms")
            .collect(Collectors.joining("\n")) + "\n2026-11-26T10:05:00Z ERROR payment declined id=4242\n";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicReference<String> wanted = new AtomicReference<>("");

    @Test
    void aRetrieveCallForAMarkerOfInstanceAIsServedByInstanceBFromRedisWholeAndStreamed() throws Exception {
        try (RedisServer redis = RedisServer.start();
             ScriptedUpstream upstream = new ScriptedUpstream(this::play);
             JarProxy a = proxy(redis, upstream);
             JarProxy b = proxy(redis, upstream)) {
            assertThat(post(a, ToolCallRequests.anthropic("Bash", "ok\n", "Grep", LOG)).statusCode()).isEqualTo(200);
            JsonNode forwardedByA = JsonCodec.parse(upstream.last().getBytes(StandardCharsets.UTF_8));
            String compressed = forwardedByA.at("/messages/2/content/1/content").asText();
            List<String> hashes = Marker.hashesIn(compressed);
            assertThat(hashes).as("instance A compressed the log behind a marker").isNotEmpty();
            assertThat(compressed).doesNotContain(NEEDLE);
            wanted.set(hashes.get(0));

            for (boolean stream : new boolean[] {false, true}) {
                int before = upstream.bodies.size();
                HttpResponse<String> answer = post(b, conversation(compressed, stream));
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).as("stream=" + stream).contains("Found it").contains(NEEDLE)
                        .doesNotContain("headroom_retrieve");
                if (stream) {
                    assertThat(answer.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
                }
                List<String> sent = upstream.bodies.subList(before, upstream.bodies.size());
                assertThat(sent).as("the call and B's continuation").hasSize(2);
                JsonNode continued = JsonCodec.parse(sent.get(1).getBytes(StandardCharsets.UTF_8));
                JsonNode messages = continued.path("messages");
                JsonNode result = messages.path(messages.size() - 1).path("content").path(0);
                assertThat(result.path("tool_use_id").asText()).isEqualTo("toolu_retrieve_1");
                assertThat(result.path("content").asText()).as("B read A's original from Redis")
                        .contains(NEEDLE).contains("path=/api/items/299").contains("ERROR payment declined id=4242");
            }
        }
    }

    /** The played model: calls headroom_retrieve for the wanted hash when offered, then quotes what came back. */
    private ScriptedUpstream.Reply play(String path, String body) {
        JsonNode request = JsonCodec.parse(body.getBytes(StandardCharsets.UTF_8));
        boolean stream = request.path("stream").asBoolean(false);
        JsonNode messages = request.path("messages");
        JsonNode last = messages.path(messages.size() - 1).path("content").path(0);
        String text;
        String call = null;
        if ("toolu_retrieve_1".equals(last.path("tool_use_id").asText())) {
            String got = last.path("content").asText();
            text = "Found it: " + (got.contains(NEEDLE) ? NEEDLE : "nothing");
        } else if (!wanted.get().isEmpty() && body.contains("hash=" + wanted.get()) && body.contains("\"headroom_retrieve\"")) {
            text = "Let me look.";
            call = wanted.get();
        } else {
            text = "ok";
        }
        return stream ? ScriptedUpstream.Reply.events(events(text, call)) : ScriptedUpstream.Reply.json(whole(text, call));
    }

    private static String whole(String text, String hash) {
        return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":["
                + "{\"type\":\"text\",\"text\":" + ToolCallRequests.quoted(text) + "}"
                + (hash == null ? "" : ",{\"type\":\"tool_use\",\"id\":\"toolu_retrieve_1\",\"name\":\"headroom_retrieve\","
                + "\"input\":{\"hash\":\"" + hash + "\"}}")
                + "],\"stop_reason\":\"" + (hash == null ? "end_turn" : "tool_use") + "\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":100,\"output_tokens\":10}}";
    }

    private static String events(String text, String hash) {
        StringBuilder sse = new StringBuilder();
        event(sse, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,"
                + "\"usage\":{\"input_tokens\":100,\"output_tokens\":1}}}");
        event(sse, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        event(sse, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                + ToolCallRequests.quoted(text) + "}}");
        event(sse, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        if (hash != null) {
            event(sse, "content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\","
                    + "\"id\":\"toolu_retrieve_1\",\"name\":\"headroom_retrieve\",\"input\":{}}}");
            event(sse, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
                    + "\"partial_json\":" + ToolCallRequests.quoted("{\"hash\": \"" + hash + "\"}") + "}}");
            event(sse, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}");
        }
        event(sse, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + (hash == null ? "end_turn" : "tool_use")
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":10}}");
        event(sse, "message_stop", "{\"type\":\"message_stop\"}");
        return sse.toString();
    }

    private static void event(StringBuilder sse, String name, String data) {
        sse.append("event: ").append(name).append("\ndata: ").append(data).append("\n\n");
    }

    /** The client's history as compressed by A, with one more question: the tool result carries A's marker. */
    private static String conversation(String compressedResult, boolean stream) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10," + (stream ? "\"stream\":true," : "") + "\"messages\":["
                + "{\"role\":\"user\",\"content\":\"what happened?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"Grep\",\"input\":{\"pattern\":\"x\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_2\",\"content\":"
                + ToolCallRequests.quoted(compressedResult) + "}]}]}";
    }

    private static JarProxy proxy(RedisServer redis, ScriptedUpstream upstream) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "fleet-home").toAbsolutePath();
        return JarProxy.start(home, Map.of("HEADROOM_STORE", redis.url()), "--no-cache",
                "--anthropic-api-url", upstream.url(), "--openai-api-url", upstream.url());
    }

    private HttpResponse<String> post(JarProxy proxy, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(proxy.base() + "/v1/messages")).timeout(Duration.ofSeconds(30))
                .header("x-api-key", "sk-ant-test-key").header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
