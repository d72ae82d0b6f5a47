package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.gateway.ResponseCache;
import dev.headroom.pipeline.KeepHeadCompressor;
import dev.headroom.spi.RequestRecord;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retrieval served inside the proxy: a real upstream on loopback plays a model that calls
 * {@code headroom_retrieve} with the hash it finds in the request and then quotes the needle it got back.
 */
@Timeout(60)
class RetrievalIT {
    private final PlayedModel model = new PlayedModel();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private RecordingUpstream upstream;
    private ProxyServer proxy;

    record Event(String name, JsonNode data) {
    }

    @BeforeEach
    void start() throws Exception {
        upstream = new RecordingUpstream();
        upstream.respondWith(model);
        proxy = start(engine(true), GatewayConfig.builder());
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    private static HeadroomEngine engine(boolean retention) {
        return Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor(3)).retention(retention).build();
    }

    private ProxyServer start(HeadroomEngine engine, GatewayConfig.Builder config) {
        Gateway gateway = new Gateway(engine, config.anthropicBaseUrl(upstream.baseUrl()).openaiBaseUrl(upstream.baseUrl()).build(),
                Backends.discover(RetrievalIT.class.getClassLoader()), new CompositeStatsSink(List.of()));
        return ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String bigOutput() {
        return "FATAL first line of the build\n" + "compiling module step ok\n".repeat(150) + PlayedModel.NEEDLE + "\n"
                + "compiling module step ok\n".repeat(150);
    }

    static String chatRequest(String toolResult, boolean stream) {
        return "{\"model\":\"gpt-4o\"," + (stream ? "\"stream\":true,\"stream_options\":{\"include_usage\":true}," : "")
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"Bash\",\"parameters\":{\"type\":\"object\"}}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"what failed?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_9\",\"type\":\"function\",\"function\":{\"name\":\"Bash\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_9\",\"content\":" + JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(toolResult)) + "}]}";
    }

    static List<Event> events(String body) {
        List<Event> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (data != null) {
                events.add(new Event(name, data.equals("[DONE]") ? null : JsonCodec.parse(data)));
            }
        }
        return events;
    }

    private JsonNode forwarded(int i) {
        return JsonCodec.parse(upstream.received.get(i).body());
    }

    @Test
    void anthropicWholeAnswerServesTheRetrieveCallAndReturnsTheFinalAnswer() throws Exception {
        HttpResponse<String> response = post("/v1/messages", ProxyIT.anthropicRequest(bigOutput(), false));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(PlayedModel.NEEDLE).doesNotContain("headroom_retrieve");
        JsonNode answer = JsonCodec.parse(response.body());
        assertThat(answer.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(answer.at("/usage/input_tokens").asLong()).isEqualTo(250);
        assertThat(answer.at("/usage/output_tokens").asLong()).isEqualTo(30);
        assertThat(upstream.received).hasSize(2);
        JsonNode continued = forwarded(1);
        JsonNode messages = continued.path("messages");
        assertThat(messages).hasSize(5);
        assertThat(messages.at("/3/content/1/name").asText()).isEqualTo("headroom_retrieve");
        assertThat(messages.at("/4/content/0/tool_use_id").asText()).isEqualTo("toolu_retrieve_1");
        assertThat(messages.at("/4/content/0/content").asText()).contains(PlayedModel.NEEDLE);
        assertThat(continued.at("/tools/0/name").asText()).isEqualTo("headroom_retrieve");
    }

    @Test
    void anthropicStreamSplicesTheContinuationIntoOneClientStream() throws Exception {
        HttpResponse<String> response = post("/v1/messages", ProxyIT.anthropicRequest(bigOutput(), true));
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(response.body()).doesNotContain("headroom_retrieve");
        List<Event> events = events(response.body());
        assertThat(events.stream().filter(e -> "message_start".equals(e.name()))).hasSize(1);
        assertThat(events.stream().filter(e -> "message_stop".equals(e.name()))).hasSize(1);
        assertThat(events.get(events.size() - 1).name()).isEqualTo("message_stop");
        assertThat(events.stream().filter(e -> "content_block_start".equals(e.name())).map(e -> e.data().path("index").asInt()))
                .containsExactly(0, 1);
        assertThat(events.stream().filter(e -> "content_block_stop".equals(e.name())).map(e -> e.data().path("index").asInt()))
                .containsExactly(0, 1);
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> "content_block_delta".equals(e.name()))
                .forEach(e -> text.append(e.data().at("/delta/text").asText()));
        assertThat(text.toString()).isEqualTo("Let me look.Found it: " + PlayedModel.NEEDLE);
        Event delta = events.stream().filter(e -> "message_delta".equals(e.name())).reduce((a, b) -> b).orElseThrow();
        assertThat(delta.data().at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.data().at("/usage/output_tokens").asLong()).isEqualTo(30);
        assertThat(delta.data().at("/usage/input_tokens").asLong()).isEqualTo(250);
        JsonNode assistant = forwarded(1).at("/messages/3");
        assertThat(assistant.at("/content/0/text").asText()).isEqualTo("Let me look.");
        assertThat(assistant.at("/content/1/input/hash").asText()).hasSize(24);
        assertThat(forwarded(1).at("/messages/4/content/0/content").asText()).contains(PlayedModel.NEEDLE);
    }

    @Test
    void anthropicMixedCallsReachTheClientWithoutTheRetrieveCall() throws Exception {
        model.mixed = true;
        JsonNode whole = JsonCodec.parse(post("/v1/messages", ProxyIT.anthropicRequest(bigOutput(), false)).body());
        assertThat(whole.path("content")).hasSize(2);
        assertThat(whole.at("/content/1/name").asText()).isEqualTo("Bash");
        assertThat(whole.path("stop_reason").asText()).isEqualTo("tool_use");

        String stream = post("/v1/messages", ProxyIT.anthropicRequest(bigOutput(), true)).body();
        assertThat(stream).doesNotContain("headroom_retrieve").contains("toolu_bash_1");
        List<Event> events = events(stream);
        assertThat(events.stream().filter(e -> "content_block_start".equals(e.name())).map(e -> e.data().path("index").asInt()))
                .containsExactly(0, 1);
        assertThat(events.stream().filter(e -> "content_block_delta".equals(e.name())).map(e -> e.data().path("index").asInt()))
                .containsOnly(0, 1);
        Event delta = events.stream().filter(e -> "message_delta".equals(e.name())).findFirst().orElseThrow();
        assertThat(delta.data().at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(upstream.received).hasSize(2); // one per client request: nothing was continued
    }

    @Test
    void openAiChatWholeAnswerServesTheRetrieveCall() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", chatRequest(bigOutput(), false));
        assertThat(response.body()).contains(PlayedModel.NEEDLE).doesNotContain("headroom_retrieve");
        JsonNode answer = JsonCodec.parse(response.body());
        assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(answer.at("/usage/prompt_tokens").asLong()).isEqualTo(250);
        assertThat(answer.at("/usage/total_tokens").asLong()).isEqualTo(280);
        JsonNode messages = forwarded(1).path("messages");
        assertThat(messages.at("/3/tool_calls/0/function/name").asText()).isEqualTo("headroom_retrieve");
        assertThat(messages.at("/4/role").asText()).isEqualTo("tool");
        assertThat(messages.at("/4/content").asText()).contains(PlayedModel.NEEDLE);
        assertThat(forwarded(0).at("/tools/1/function/name").asText()).isEqualTo("headroom_retrieve");
    }

    @Test
    void openAiChatStreamSplicesTheContinuation() throws Exception {
        String body = post("/v1/chat/completions", chatRequest(bigOutput(), true)).body();
        assertThat(body).doesNotContain("headroom_retrieve");
        List<Event> events = events(body);
        assertThat(events.stream().filter(e -> e.data() == null)).hasSize(1);
        assertThat(events.get(events.size() - 1).data()).isNull();
        StringBuilder text = new StringBuilder();
        List<JsonNode> chunks = events.stream().map(Event::data).filter(d -> d != null).toList();
        chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
        assertThat(text.toString()).isEqualTo("Let me look.Found it: " + PlayedModel.NEEDLE);
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("id").asText()).isEqualTo("chatcmpl-first"));
        assertThat(chunks.stream().filter(c -> c.at("/choices/0/finish_reason").isTextual()).map(c -> c.at("/choices/0/finish_reason").asText()))
                .containsExactly("stop");
        JsonNode usage = chunks.stream().filter(c -> c.path("usage").isObject()).reduce((a, b) -> b).orElseThrow().path("usage");
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(250);
        assertThat(chunks.stream().filter(c -> c.path("usage").isObject())).hasSize(1);
        assertThat(forwarded(1).at("/messages/4/content").asText()).contains(PlayedModel.NEEDLE);
        assertThat(forwarded(1).at("/messages/3/tool_calls/0/function/arguments").asText()).contains("\"hash\":\"");
    }

    @Test
    void openAiChatMixedStreamKeepsOnlyTheClientsCall() throws Exception {
        model.mixed = true;
        String body = post("/v1/chat/completions", chatRequest(bigOutput(), true)).body();
        assertThat(body).doesNotContain("headroom_retrieve").contains("call_bash_1");
        List<JsonNode> chunks = events(body).stream().map(Event::data).filter(d -> d != null).toList();
        assertThat(chunks.stream().flatMap(c -> toList(c.at("/choices/0/delta/tool_calls")).stream()).map(t -> t.path("index").asInt()))
                .containsOnly(0);
        assertThat(chunks.stream().filter(c -> c.at("/choices/0/finish_reason").isTextual()).map(c -> c.at("/choices/0/finish_reason").asText()))
                .containsExactly("tool_calls");
        assertThat(upstream.received).hasSize(1);
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    @Test
    void injectsTheToolOnlyWhenAMarkerExistsAndByteIdentically() throws Exception {
        // the same request is sent twice to compare what is forwarded: the response cache would answer the second
        proxy.close();
        proxy = start(engine(true), GatewayConfig.builder().responseCache(ResponseCache.Settings.disabled()));
        post("/v1/messages", ProxyIT.anthropicRequest("short output", false));
        assertThat(forwarded(0).has("tools")).isFalse();

        String withClientTool = ProxyIT.anthropicRequest(bigOutput(), false).replaceFirst("\\{",
                "{\"tools\":[{\"name\":\"Bash\",\"input_schema\":{\"type\":\"object\"},\"cache_control\":{\"type\":\"ephemeral\"}}],");
        post("/v1/messages", withClientTool);
        post("/v1/messages", withClientTool);
        List<byte[]> firstRounds = upstream.received.stream().filter(r -> !new String(r.body(), StandardCharsets.UTF_8).contains("toolu_retrieve_1"))
                .map(RecordingUpstream.Received::body).toList();
        assertThat(firstRounds).hasSize(3);
        assertThat(firstRounds.get(1)).isEqualTo(firstRounds.get(2));
        JsonNode forwarded = JsonCodec.parse(firstRounds.get(1));
        assertThat(forwarded.path("tools")).hasSize(2);
        assertThat(forwarded.at("/tools/1/name").asText()).isEqualTo("headroom_retrieve");
        assertThat(new String(firstRounds.get(1), StandardCharsets.UTF_8).split("cache_control", -1)).hasSize(2);
    }

    @Test
    void withoutInjectionTheEngineMayNotRetainAndNoMarkerIsSent() throws Exception {
        assertThatThrownBy(() -> start(engine(true), GatewayConfig.builder().injectRetrieveTool(false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention(false)");
        proxy.close();
        proxy = start(engine(false), GatewayConfig.builder().injectRetrieveTool(false));
        HttpResponse<String> response = post("/v1/messages", ProxyIT.anthropicRequest(bigOutput(), false));
        assertThat(response.body()).contains("No marker here.");
        String forwarded = new String(upstream.last().body(), StandardCharsets.UTF_8);
        assertThat(forwarded).doesNotContain("headroom_retrieve").contains(PlayedModel.NEEDLE);
    }

    @Test
    void relaysEventsAsTheyArriveWhileRetrievalIsServed() throws Exception {
        java.util.concurrent.CountDownLatch clientSawText = new java.util.concurrent.CountDownLatch(1);
        upstream.respondWith((ex, r) -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            java.io.OutputStream out = ex.getResponseBody();
            out.write(("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3}}}\n\n"
                    + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                assertThat(clientSawText.await(20, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write(("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":1}}\n\n"
                    + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n").getBytes(StandardCharsets.UTF_8));
        });
        HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString(ProxyIT.anthropicRequest(bigOutput(), true))).build(), HttpResponse.BodyHandlers.ofInputStream());
        java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(response.body(), StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.contains("content_block_start")) {
                clientSawText.countDown();
            }
            if (line.contains("message_stop")) {
                break;
            }
        }
        assertThat(clientSawText.getCount()).isZero();
        assertThat(new String(upstream.last().body(), StandardCharsets.UTF_8)).contains("headroom_retrieve");
    }

    @Test
    void aFailedContinuationReachesTheClientInTheProvidersShape() throws Exception {
        String refusal = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"continuation refused\"}}";
        upstream.respondWith((ex, r) -> {
            if (new String(r.body(), StandardCharsets.UTF_8).contains("toolu_retrieve_1")) {
                RecordingUpstream.json(ex, 400, refusal);
            } else {
                model.respond(ex, r);
            }
        });
        HttpResponse<String> whole = post("/v1/messages", ProxyIT.anthropicRequest(bigOutput(), false));
        assertThat(whole.statusCode()).isEqualTo(400);
        assertThat(whole.body()).isEqualTo(refusal);

        String stream = post("/v1/messages", ProxyIT.anthropicRequest(bigOutput(), true)).body();
        assertThat(stream).contains("\"text\":\"Let me\"").endsWith("event: error\ndata: " + refusal + "\n\n").doesNotContain("headroom_retrieve");
    }

    @Test
    void aFailedContinuationStillReportsWhatTheEarlierRoundUsed() throws Exception {
        upstream.respondWith((ex, r) -> {
            if (new String(r.body(), StandardCharsets.UTF_8).contains("toolu_retrieve_1")) {
                RecordingUpstream.json(ex, 500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"down\"}}");
            } else {
                model.respond(ex, r);
            }
        });
        RecordLatch sink = new RecordLatch();
        Gateway gateway = new Gateway(engine(true), GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl())
                .openaiBaseUrl(upstream.baseUrl()).maxRetries(0).build(), Backends.discover(RetrievalIT.class.getClassLoader()), sink);
        try (ProxyServer own = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false)) {
            for (boolean stream : new boolean[] {false, true}) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + own.port() + "/v1/messages"))
                        .POST(HttpRequest.BodyPublishers.ofString(ProxyIT.anthropicRequest(bigOutput(), stream))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(stream ? 200 : 500);
                assertThat(sink.await(1)).isTrue();
                RequestRecord record = sink.records().get(sink.records().size() - 1);
                assertThat(record.usage().inputTokens()).as("the round that called headroom_retrieve was billed (stream: %s)", stream)
                        .isEqualTo(100);
                assertThat(record.usage().outputTokens()).isEqualTo(10);
            }
        }
    }
}
