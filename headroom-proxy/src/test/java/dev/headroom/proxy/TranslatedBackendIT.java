package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.gateway.MessagesUpstream;
import dev.headroom.gateway.ResponseCache;
import dev.headroom.pipeline.KeepHeadCompressor;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.stats.PriceTable;
import dev.headroom.stats.StatsAggregator;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anthropic-format clients served by OpenAI-compatible backends ({@code --backend openrouter|anyllm|litellm-*})
 * through the real proxy, against a loopback upstream that answers in OpenAI's real shapes: the
 * {@code chat.completion} and {@code chat.completion.chunk} shapes of OpenAI's API reference and of
 * openai-python's recorded streaming fixtures (tests/lib/chat/test_completions_streaming.py and its
 * .inline-snapshot/external/*.bin: role chunk, tool-call fragments with id/name then argument pieces, finish
 * chunk, {@code choices:[]} usage chunk, {@code [DONE]}), OpenAI's error body
 * ({@code {"error":{"message","type","param","code"}}}) and OpenRouter's ({@code {"error":{"code","message"}}}).
 */
@Timeout(60)
class TranslatedBackendIT {
    private static final String WHOLE = "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion\","
            + "\"created\":1741569952,\"model\":\"anthropic/claude-sonnet-4.5\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Listing.\",\"refusal\":null,\"tool_calls\":[{\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\",\"type\":\"function\","
            + "\"function\":{\"name\":\"Bash\",\"arguments\":\"{\\\"command\\\":\\\"ls -la\\\"}\"}}],\"annotations\":[]},"
            + "\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":1200,\"completion_tokens\":17,"
            + "\"total_tokens\":1217,\"prompt_tokens_details\":{\"cached_tokens\":1000,\"audio_tokens\":0}},\"service_tier\":\"default\"}";
    private static final String CHUNK = "{\"id\":\"chatcmpl-9tXjp\",\"object\":\"chat.completion.chunk\",\"created\":1723024757,"
            + "\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_2a322c9ffc\",\"choices\":[{\"index\":0,\"delta\":";
    private static final List<String> STREAM = List.of(
            CHUNK + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]}",
            CHUNK + "{\"content\":\"Let me\"},\"logprobs\":null,\"finish_reason\":null}]}",
            CHUNK + "{\"content\":\" check.\"},\"logprobs\":null,\"finish_reason\":null}]}",
            CHUNK + "{\"tool_calls\":[{\"index\":0,\"id\":\"call_lQnnsesjFMWMQ5IeWPHzR4th\",\"type\":\"function\",\"function\":{\"name\":\"Bash\",\"arguments\":\"\"}}]},\"logprobs\":null,\"finish_reason\":null}]}",
            CHUNK + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"comm\"}}]},\"logprobs\":null,\"finish_reason\":null}]}",
            CHUNK + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"and\\\": \\\"ls\\\"}\"}}]},\"logprobs\":null,\"finish_reason\":null}]}",
            CHUNK + "{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]}",
            "{\"id\":\"chatcmpl-9tXjp\",\"object\":\"chat.completion.chunk\",\"created\":1723024757,\"model\":\"gpt-4o-2024-08-06\","
                    + "\"system_fingerprint\":\"fp_2a322c9ffc\",\"choices\":[],\"usage\":{\"prompt_tokens\":149,\"completion_tokens\":60,\"total_tokens\":209}}",
            "[DONE]");
    private static final String REQUEST = "{\"model\":\"anthropic/claude-sonnet-4.5\",\"max_tokens\":1024,"
            + "\"system\":[{\"type\":\"text\",\"text\":\"You are Claude Code.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
            + "\"tools\":[{\"name\":\"Bash\",\"description\":\"Run a command\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"string\"}}}}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"list the files\"}]}";

    private final Map<String, String> env = new java.util.concurrent.ConcurrentHashMap<>();
    private RecordingUpstream upstream;
    private ProxyServer proxy;
    private ProxyClient http;
    private StatsAggregator stats;
    private RecordLatch recorded;

    @BeforeEach
    void start() throws IOException {
        upstream = new RecordingUpstream();
        env.put("OPENROUTER_API_KEY", "sk-or-v1-test");
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        upstream.close();
    }

    private void proxy(String backend, URI base, HeadroomEngine engine) {
        Backends backends = Backends.discover(TranslatedBackendIT.class.getClassLoader());
        MessagesUpstream messages = MessagesUpstream.of(MessagesUpstream.resolve(backends, backend), base, env::get);
        stats = new StatsAggregator(PriceTable.builtIn());
        recorded = new RecordLatch();
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(URI.create("http://127.0.0.1:9")).maxRetries(0)
                .responseCache(ResponseCache.Settings.disabled()).build();
        Gateway gateway = new Gateway(engine, config, backends, new CompositeStatsSink(List.of(stats, recorded)), messages);
        proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false, c -> c.stats = stats);
        http = new ProxyClient(proxy.port());
    }

    private void proxy(String backend, URI base) {
        proxy(backend, base, Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor(3)).build());
    }

    private HttpResponse<String> messages(String body) throws Exception {
        return http.post("/v1/messages?beta=true", body, "content-type", "application/json", "x-api-key", "sk-ant-client-key",
                "anthropic-version", "2023-06-01", "anthropic-beta", "claude-code-20250219");
    }

    private static void sse(HttpExchange ex, List<String> data) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        for (String d : data) {
            out.write(("data: " + d + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static URI withPath(URI base, String path) {
        return URI.create(base + path);
    }

    @Test
    void openRouterWholeAnswerComesBackAsAnAnthropicMessageWithTheToolCallIdKept() throws Exception {
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200, WHOLE));
        proxy("openrouter", withPath(upstream.baseUrl(), "/api"));
        HttpResponse<String> response = messages(REQUEST);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        JsonNode message = JsonCodec.parse(response.body());
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.at("/content/0/text").asText()).isEqualTo("Listing.");
        assertThat(message.at("/content/1/type").asText()).isEqualTo("tool_use");
        assertThat(message.at("/content/1/id").asText()).isEqualTo("call_DdmO9pD3xa9XTPNJ32zg2hcA");
        assertThat(message.at("/content/1/input/command").asText()).isEqualTo("ls -la");
        assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.at("/usage/input_tokens").asLong()).isEqualTo(200);
        assertThat(message.at("/usage/cache_read_input_tokens").asLong()).isEqualTo(1000);

        RecordingUpstream.Received sent = upstream.last();
        assertThat(sent.pathAndQuery()).isEqualTo("/api/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-or-v1-test");
        assertThat(sent.header("x-api-key")).as("the client's Anthropic key never reaches another provider").isNull();
        assertThat(sent.header("anthropic-version")).isNull();
        assertThat(sent.header("anthropic-beta")).isNull();
        JsonNode chat = JsonCodec.parse(sent.body());
        assertThat(chat.path("model").asText()).isEqualTo("anthropic/claude-sonnet-4.5");
        assertThat(chat.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(chat.at("/messages/1/content").asText()).isEqualTo("list the files");
        assertThat(chat.at("/tools/0/function/name").asText()).isEqualTo("Bash");
        assertThat(chat.path("max_tokens").asInt()).isEqualTo(1024);

        assertThat(recorded.await(1)).isTrue();
        JsonNode s = JsonCodec.parse(http.body("/stats"));
        assertThat(s.at("/requests/by_provider/openrouter").asLong()).isEqualTo(1);
        assertThat(s.at("/tokens/input").asLong()).isEqualTo(200);
        assertThat(s.at("/tokens/cache_read").asLong()).isEqualTo(1000);
        assertThat(s.at("/tokens/output").asLong()).isEqualTo(17);
    }

    @Test
    void aStreamedAnswerIsTranslatedEventByEventWithToolArgumentFragments() throws Exception {
        upstream.respondWith((ex, r) -> sse(ex, STREAM));
        proxy("openrouter", withPath(upstream.baseUrl(), "/api"));
        HttpResponse<String> response = messages(REQUEST.replace("\"max_tokens\":1024,", "\"max_tokens\":1024,\"stream\":true,"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<RetrievalIT.Event> events = RetrievalIT.events(response.body());
        assertThat(events).extracting(RetrievalIT.Event::name).containsExactly("message_start",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(events.get(5).data().at("/content_block/id").asText()).isEqualTo("call_lQnnsesjFMWMQ5IeWPHzR4th");
        assertThat(events.get(6).data().at("/delta/partial_json").asText()).isEqualTo("{\"comm");
        assertThat(events.get(9).data().at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(events.get(9).data().at("/usage/output_tokens").asLong()).isEqualTo(60);
        JsonNode chat = JsonCodec.parse(upstream.last().body());
        assertThat(chat.path("stream").asBoolean()).isTrue();
        assertThat(chat.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(upstream.last().header("Accept")).isEqualTo("text/event-stream");
        assertThat(recorded.await(1)).isTrue();
        JsonNode s = JsonCodec.parse(http.body("/stats"));
        assertThat(s.at("/tokens/input").asLong()).isEqualTo(149);
        assertThat(s.at("/tokens/output").asLong()).isEqualTo(60);
    }

    @Test
    void upstreamErrorsComeBackInTheAnthropicEnvelopeWithTheirStatus() throws Exception {
        upstream.respondWith((ex, r) -> {
            ex.getResponseHeaders().add("retry-after", "20");
            RecordingUpstream.json(ex, 429, "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\","
                    + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
        });
        proxy("openrouter", withPath(upstream.baseUrl(), "/api"));
        HttpResponse<String> limited = messages(REQUEST);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limit reached for requests\"}}");
        assertThat(limited.headers().firstValue("retry-after")).contains("20");

        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 500, "{\"error\":{\"code\":500,\"message\":\"Internal Server Error\"}}"));
        HttpResponse<String> failed = messages(REQUEST.replace("\"max_tokens\":1024,", "\"max_tokens\":1024,\"stream\":true,"));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(JsonCodec.parse(failed.body()).at("/error/type").asText()).isEqualTo("api_error");
        assertThat(JsonCodec.parse(failed.body()).at("/error/message").asText()).isEqualTo("Internal Server Error");

        // OpenRouter reports some failures as a 200 whose body is its error envelope
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200, "{\"error\":{\"code\":402,\"message\":\"Insufficient credits\"}}"));
        HttpResponse<String> credits = messages(REQUEST);
        assertThat(credits.statusCode()).isEqualTo(402);
        assertThat(JsonCodec.parse(credits.body()).at("/error/type").asText()).isEqualTo("permission_error");
        assertThat(recorded.await(3)).isTrue();
        assertThat(JsonCodec.parse(http.body("/stats")).at("/requests/failed").asLong()).isEqualTo(3);
    }

    @Test
    void aMissingKeyIsRefusedWithoutCallingTheUpstream() throws Exception {
        env.remove("OPENROUTER_API_KEY");
        proxy("openrouter", withPath(upstream.baseUrl(), "/api"));
        HttpResponse<String> response = messages(REQUEST);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JsonCodec.parse(response.body()).at("/error/type").asText()).isEqualTo("authentication_error");
        assertThat(response.body()).contains("OPENROUTER_API_KEY").doesNotContain("sk-ant-client-key");
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void liteLlmPrefixesTheModelAndAnyLlmTakesABaseEndingInV1() throws Exception {
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200, WHOLE));
        proxy("litellm-bedrock", upstream.baseUrl());
        env.put("LITELLM_API_KEY", "sk-litellm-master");
        assertThat(messages(REQUEST.replace("anthropic/claude-sonnet-4.5", "claude-sonnet-4-5")).statusCode()).isEqualTo(200);
        assertThat(JsonCodec.parse(upstream.last().body()).path("model").asText()).isEqualTo("bedrock/claude-sonnet-4-5");
        assertThat(upstream.last().pathAndQuery()).isEqualTo("/v1/chat/completions");
        assertThat(upstream.last().header("Authorization")).isEqualTo("Bearer sk-litellm-master");
        proxy.close();

        proxy("anyllm", withPath(upstream.baseUrl(), "/v1"));
        assertThat(messages(REQUEST.replace("anthropic/claude-sonnet-4.5", "qwen2.5-coder:7b")).statusCode()).isEqualTo(200);
        assertThat(upstream.last().pathAndQuery()).isEqualTo("/v1/chat/completions");
        assertThat(JsonCodec.parse(upstream.last().body()).path("model").asText()).isEqualTo("qwen2.5-coder:7b");
        assertThat(upstream.last().header("Authorization")).as("no ANYLLM_API_KEY: no key at all").isNull();
    }

    @Test
    void countTokensIsAnsweredByTheProxyAndOtherPathsGetAnAnthropic404() throws Exception {
        proxy("anyllm", upstream.baseUrl());
        HttpResponse<String> count = http.post("/v1/messages/count_tokens?beta=true", REQUEST, "content-type", "application/json",
                "anthropic-version", "2023-06-01");
        assertThat(count.statusCode()).isEqualTo(200);
        assertThat(JsonCodec.parse(count.body()).path("input_tokens").asLong()).isBetween(20L, 200L);
        HttpResponse<String> models = http.client.send(java.net.http.HttpRequest.newBuilder(http.url("/v1/models"))
                .header("anthropic-version", "2023-06-01").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(models.statusCode()).isEqualTo(404);
        assertThat(JsonCodec.parse(models.body()).at("/error/type").asText()).isEqualTo("not_found_error");
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void compressionRunsOnTheAnthropicBodyAndRetrievalIsServedThroughTheTranslation() throws Exception {
        PlayedModel model = new PlayedModel();
        upstream.respondWith(model);
        proxy("anyllm", upstream.baseUrl());
        HttpResponse<String> response = messages(ProxyIT.anthropicRequest(RetrievalIT.bigOutput(), false));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JsonCodec.parse(response.body());
        assertThat(answer.at("/content/0/text").asText()).contains(PlayedModel.NEEDLE);
        assertThat(response.body()).doesNotContain("headroom_retrieve");
        assertThat(answer.at("/usage/input_tokens").asLong()).as("both rounds billed").isEqualTo(250);
        assertThat(upstream.received).hasSize(2);
        JsonNode first = JsonCodec.parse(upstream.received.get(0).body());
        String toolMessage = first.at("/messages/2/content").asText();
        assertThat(first.at("/messages/2/role").asText()).isEqualTo("tool");
        assertThat(toolMessage).contains("headroom_retrieve hash=").doesNotContain(PlayedModel.NEEDLE);
        assertThat(first.path("tools").toString()).contains("\"name\":\"headroom_retrieve\"");
        JsonNode second = JsonCodec.parse(upstream.received.get(1).body());
        JsonNode last = second.path("messages").get(second.path("messages").size() - 1);
        assertThat(last.path("tool_call_id").asText()).isEqualTo("call_retrieve_1");
        assertThat(last.path("content").asText()).contains(PlayedModel.NEEDLE);
    }

    @Test
    void aStreamedRetrievalIsSplicedIntoOneAnthropicStream() throws Exception {
        upstream.respondWith(new PlayedModel());
        proxy("anyllm", upstream.baseUrl());
        HttpResponse<String> response = messages(ProxyIT.anthropicRequest(RetrievalIT.bigOutput(), true));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("headroom_retrieve").contains("NEEDLE");
        List<RetrievalIT.Event> events = RetrievalIT.events(response.body());
        assertThat(events.stream().filter(e -> "message_start".equals(e.name()))).hasSize(1);
        assertThat(events.get(events.size() - 1).name()).isEqualTo("message_stop");
        List<String> stops = new ArrayList<>();
        events.stream().filter(e -> "message_delta".equals(e.name())).forEach(e -> stops.add(e.data().at("/delta/stop_reason").asText()));
        assertThat(stops).containsExactly("end_turn");
        assertThat(upstream.received).hasSize(2);
    }

    @Test
    void anUpstreamStreamCutBeforeItsEndEndsTheClientStreamWithAnAnthropicErrorEvent() throws Exception {
        upstream.respondWith((ex, r) -> sse(ex, STREAM.subList(0, 3)));
        proxy("openrouter", withPath(upstream.baseUrl(), "/api"));
        HttpResponse<String> response = messages(REQUEST.replace("\"max_tokens\":1024,", "\"max_tokens\":1024,\"stream\":true,"));
        assertThat(response.statusCode()).isEqualTo(200);
        List<RetrievalIT.Event> events = RetrievalIT.events(response.body());
        assertThat(events.get(0).name()).isEqualTo("message_start");
        assertThat(events.get(events.size() - 1).name()).isEqualTo("error");
        assertThat(events).extracting(RetrievalIT.Event::name).doesNotContain("message_stop");
    }
}
