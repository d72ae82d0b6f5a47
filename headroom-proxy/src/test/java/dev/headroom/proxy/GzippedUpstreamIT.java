package dev.headroom.proxy;

import dev.headroom.testkit.RecordingUpstream;
import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.Headroom;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.pipeline.KeepHeadCompressor;
import dev.headroom.spi.RequestRecord;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upstream that compresses its answers ({@code Content-Encoding: gzip}, chunked, as real providers do):
 * on every route, whole or streamed, the client gets plain JSON or plain events without a
 * {@code Content-Encoding} header, and the proxy reads the usage from the decoded answer.
 */
@Timeout(60)
class GzippedUpstreamIT {
    private final PlayedModel model = new PlayedModel();
    private final RecordLatch recorded = new RecordLatch();
    private RecordingUpstream upstream;
    private ProxyServer proxy;
    private ProxyClient http;

    @BeforeEach
    void start() throws Exception {
        upstream = new RecordingUpstream();
        upstream.respondWith(EncodingUpstream.gzip(model));
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl()).openaiBaseUrl(upstream.baseUrl()).build();
        Gateway gateway = new Gateway(Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor(3)).build(),
                config, Backends.discover(GzippedUpstreamIT.class.getClassLoader()), recorded);
        proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false);
        http = new ProxyClient(proxy.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    static String responsesRequest(String toolResult, boolean stream) {
        return "{\"model\":\"gpt-5\"," + (stream ? "\"stream\":true," : "")
                + "\"tools\":[{\"type\":\"function\",\"name\":\"Bash\",\"parameters\":{\"type\":\"object\"}}],"
                + "\"input\":[{\"role\":\"user\",\"content\":\"what failed?\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"call_9\",\"name\":\"Bash\",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_9\",\"output\":"
                + JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(toolResult)) + "}]}";
    }

    /** A 200 with plain JSON and no encoding header; the upstream really did gzip it. */
    static JsonNode plainJson(HttpResponse<String> response, RecordingUpstream upstream) {
        assertThat(upstream.received).isNotEmpty();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-encoding")).isEmpty();
        return JsonCodec.parse(response.body());
    }

    /** The events of a 200 event stream with no encoding header, every data line parsed as JSON. */
    static List<RetrievalIT.Event> plainEvents(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(response.headers().firstValue("content-encoding")).isEmpty();
        return RetrievalIT.events(response.body());
    }

    private RequestRecord lastRecord() throws InterruptedException {
        assertThat(recorded.await(1)).isTrue();
        return recorded.records().get(recorded.records().size() - 1);
    }

    @Test
    void gzippedAnthropicAnswerReachesClientAsJson() throws Exception {
        JsonNode answer = plainJson(http.post("/v1/messages", ProxyIT.anthropicRequest("short", false),
                "accept-encoding", "gzip, deflate, br, zstd"), upstream);
        assertThat(answer.at("/content/0/text").asText()).isEqualTo("No marker here.");
        assertThat(lastRecord().usage().inputTokens()).as("usage read from the decoded answer").isEqualTo(150);
    }

    @Test
    void gzippedAnthropicStreamReachesClientAsEvents() throws Exception {
        List<RetrievalIT.Event> events = plainEvents(http.post("/v1/messages", ProxyIT.anthropicRequest("short", true)));
        assertThat(events.get(0).name()).isEqualTo("message_start");
        assertThat(events.get(events.size() - 1).name()).isEqualTo("message_stop");
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> "content_block_delta".equals(e.name())).forEach(e -> text.append(e.data().at("/delta/text").asText()));
        assertThat(text.toString()).isEqualTo("No marker here.");
        assertThat(lastRecord().usage().outputTokens()).isEqualTo(20);
    }

    @Test
    void gzippedChatAnswerReachesClientAsJson() throws Exception {
        JsonNode answer = plainJson(http.post("/v1/chat/completions", RetrievalIT.chatRequest("short output", false)), upstream);
        assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("No marker here.");
        assertThat(lastRecord().usage().inputTokens()).isEqualTo(150);
    }

    @Test
    void gzippedChatStreamReachesClientAsEvents() throws Exception {
        List<RetrievalIT.Event> events = plainEvents(http.post("/v1/chat/completions", RetrievalIT.chatRequest("short output", true)));
        assertThat(events.get(events.size() - 1).data()).as("[DONE]").isNull();
        assertThat(events.get(1).data().at("/choices/0/delta/content").asText()).isEqualTo("No marker here.");
        assertThat(lastRecord().usage().inputTokens()).isEqualTo(150);
    }

    @Test
    void gzippedResponsesAnswerReachesClientAsJson() throws Exception {
        JsonNode answer = plainJson(http.post("/v1/responses", responsesRequest("short output", false)), upstream);
        assertThat(answer.at("/output/0/content/0/text").asText()).isEqualTo("No marker here.");
        assertThat(lastRecord().usage().inputTokens()).isEqualTo(150);
    }

    @Test
    void gzippedResponsesStreamReachesClientAsEvents() throws Exception {
        List<RetrievalIT.Event> events = plainEvents(http.post("/v1/responses", responsesRequest("short output", true)));
        assertThat(events.get(0).name()).isEqualTo("response.created");
        assertThat(events.get(events.size() - 1).data().at("/response/output/0/content/0/text").asText()).isEqualTo("No marker here.");
        assertThat(lastRecord().usage().inputTokens()).isEqualTo(150);
    }

    @Test
    void gzippedPassthroughAnswersReachClientAsJson() throws Exception {
        upstream.respondWith(EncodingUpstream.gzip((ex, r) -> RecordingUpstream.json(ex, 200,
                r.pathAndQuery().startsWith("/v1/models") ? "{\"data\":[{\"id\":\"claude-test\"}]}" : "{\"input_tokens\":42}")));
        JsonNode count = plainJson(http.post("/v1/messages/count_tokens?beta=true", ProxyIT.anthropicRequest("short", false),
                "anthropic-version", "2023-06-01"), upstream);
        assertThat(count.path("input_tokens").asInt()).isEqualTo(42);
        JsonNode models = plainJson(http.client.send(HttpRequest.newBuilder(http.url("/v1/models"))
                .header("anthropic-version", "2023-06-01").build(), HttpResponse.BodyHandlers.ofString()), upstream);
        assertThat(models.at("/data/0/id").asText()).isEqualTo("claude-test");
    }

    @Test
    void deflatedAnswerReachesClientAsJson() throws Exception {
        upstream.respondWith(EncodingUpstream.deflate(model));
        JsonNode answer = plainJson(http.post("/v1/chat/completions", RetrievalIT.chatRequest("short output", false)), upstream);
        assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("No marker here.");
    }

    @Test
    void gzippedErrorReachesClientWithItsStatusAndPlainBody() throws Exception {
        String error = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens too large\"}}";
        upstream.respondWith(EncodingUpstream.gzip((ex, r) -> RecordingUpstream.json(ex, 400, error)));
        HttpResponse<String> response = http.post("/v1/messages", ProxyIT.anthropicRequest("short", false));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-encoding")).isEmpty();
        assertThat(response.body()).isEqualTo(error);
    }

    @Test
    void asksUpstreamOnlyForTheEncodingsItDecodes() throws Exception {
        http.post("/v1/messages", ProxyIT.anthropicRequest("short", false), "accept-encoding", "gzip, deflate, br, zstd");
        assertThat(upstream.last().header("accept-encoding")).isEqualTo("gzip, deflate");
    }

    @Test
    void answerInAnEncodingTheProxyCannotDecodeIsAClearErrorNotCorruptJson() throws Exception {
        upstream.respondWith(EncodingUpstream.encoded("br", model));
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> response = http.post("/v1/messages", ProxyIT.anthropicRequest("short", stream));
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("content-encoding")).isEmpty();
            JsonNode error = JsonCodec.parse(response.body());
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.at("/error/message").asText()).contains("Content-Encoding 'br'");
        }
    }

    @Test
    void gzippedStreamIsRelayedEventByEvent() throws Exception {
        CountDownLatch clientSawStart = new CountDownLatch(1);
        upstream.respondWith(EncodingUpstream.gzip((ex, r) -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write(("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3}}}\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                assertThat(clientSawStart.await(20, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n".getBytes(StandardCharsets.UTF_8));
        }));
        HttpResponse<InputStream> response = http.client.send(HttpRequest.newBuilder(http.url("/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString(ProxyIT.anthropicRequest("short", true))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        boolean stopped = false;
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.startsWith("data: {\"type\":\"message_start\"")) {
                clientSawStart.countDown();
            }
            stopped |= line.equals("data: {\"type\":\"message_stop\"}");
        }
        assertThat(clientSawStart.getCount()).as("the first event arrived before the upstream sent the rest").isZero();
        assertThat(stopped).isTrue();
    }
}
