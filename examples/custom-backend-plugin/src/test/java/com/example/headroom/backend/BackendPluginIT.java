package com.example.headroom.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.Headroom;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.gateway.MessagesUpstream;
import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;
import dev.headroom.proxy.ProxyServer;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.testkit.PluginJar;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uses the packaged backend jar as a host application would: on the classpath, the proxy's OpenAI routes
 * reach the upstream through it; off it, the built-in OpenAI backend is back. Its second backend,
 * {@code team-gateway}, has a name of its own and serves Anthropic clients once chosen by that name
 * ({@code headroom proxy --backend team-gateway}). The plugin's classes are
 * deliberately not on this test's own classpath (see the Failsafe configuration).
 */
class BackendPluginIT {
    private static final String CHAT = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String ANSWER = "{\"id\":\"gen-1\",\"object\":\"chat.completion\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}";

    private final HttpClient client = HttpClient.newHttpClient();
    private RecordingUpstream upstream;
    private URLClassLoader withPlugin;

    @BeforeEach
    void start() throws IOException {
        upstream = new RecordingUpstream();
        upstream.respondWith((exchange, request) -> RecordingUpstream.json(exchange, 200, ANSWER));
        withPlugin = PluginJar.onTopOf(BackendPluginIT.class.getClassLoader());
    }

    @AfterEach
    void stop() throws IOException {
        upstream.close();
        withPlugin.close();
    }

    private static ProxyServer proxy(ClassLoader loader, URI openaiBase) {
        GatewayConfig config = GatewayConfig.builder().openaiBaseUrl(openaiBase).maxRetries(0).build();
        Gateway gateway = new Gateway(Headroom.builder().classLoader(loader).build(), config,
                Backends.discover(loader), new CompositeStatsSink(List.of()));
        return ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false);
    }

    private HttpResponse<String> chat(ProxyServer proxy) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer sk-or-test")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBackendJarIsDiscoveredAndReplacesTheBuiltInOpenAiBackend() {
        Backends backends = Backends.discover(withPlugin);
        assertThat(backends.names()).contains("anthropic", "openai");
        assertThat(backends.byName("openai").getClass().getName()).isEqualTo("com.example.headroom.backend.OpenRouterBackend");
        assertThat(backends.byName("openai").getClass().getClassLoader()).isSameAs(withPlugin);
        assertThat(backends.failures()).isEmpty();
    }

    @Test
    void openAiRequestsReachTheUpstreamThroughThePluginsPaths() throws Exception {
        try (ProxyServer proxy = proxy(withPlugin, upstream.baseUrl())) {
            HttpResponse<String> response = chat(proxy);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(ANSWER);
            RecordingUpstream.Received received = upstream.last();
            assertThat(received.pathAndQuery()).isEqualTo("/api/v1/chat/completions");
            assertThat(received.header("Authorization")).isEqualTo("Bearer sk-or-test");
            assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(CHAT);
        }
    }

    @Test
    void proxySideErrorsComeInThePluginsEnvelope() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (ProxyServer proxy = proxy(withPlugin, closed)) {
            HttpResponse<String> response = chat(proxy);
            assertThat(response.statusCode()).isEqualTo(502);
            JsonNode error = JsonCodec.parse(response.body()).path("error");
            assertThat(error.path("code").asInt()).isEqualTo(502);
            assertThat(error.path("message").asText()).contains("unreachable");
            assertThat(error.has("type")).as("the built-in OpenAI envelope has a type; the plugin's has none").isFalse();
        }
    }

    @Test
    void withoutThePluginTheBuiltInOpenAiBackendIsBack() throws Exception {
        try (ProxyServer proxy = proxy(BackendPluginIT.class.getClassLoader(), upstream.baseUrl())) {
            assertThat(chat(proxy).statusCode()).isEqualTo(200);
            assertThat(upstream.last().pathAndQuery()).isEqualTo("/v1/chat/completions");
        }
    }

    @Test
    void aPluginBackendWithANameOfItsOwnServesAnthropicClientsWhenChosenByThatName() throws Exception {
        String message = "{\"id\":\"msg_gw_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"hello\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":9,\"output_tokens\":3}}";
        upstream.respondWith((exchange, request) -> RecordingUpstream.json(exchange, 200, message));
        Backends backends = Backends.discover(withPlugin);
        assertThat(backends.names()).contains("team-gateway", "openai", "anthropic");
        // what `headroom proxy --backend team-gateway --anthropic-api-url URL` builds (BackendSwitches)
        MessagesUpstream messages = MessagesUpstream.of(MessagesUpstream.resolve(backends, "team-gateway"),
                upstream.baseUrl(), Map.of("TEAM_GATEWAY_TOKEN", "team-token-1")::get);
        assertThat(messages.credentialsPresent()).isTrue();
        assertThat(messages.credentialVariables()).containsExactly("TEAM_GATEWAY_TOKEN");
        LinkedBlockingQueue<RequestRecord> records = new LinkedBlockingQueue<>();
        StatsSink sink = new StatsSink() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public void record(RequestRecord record) {
                records.add(record);
            }
        };
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(URI.create("http://127.0.0.1:9")).maxRetries(0).build();
        Gateway gateway = new Gateway(Headroom.builder().classLoader(withPlugin).build(), config, backends,
                new CompositeStatsSink(List.of(sink)), messages);
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        try (ProxyServer proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false)) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages"))
                    .header("content-type", "application/json").header("x-api-key", "sk-ant-developer")
                    .header("anthropic-version", "2023-06-01")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(message);
        }
        RecordingUpstream.Received received = upstream.last();
        assertThat(received.pathAndQuery()).isEqualTo("/anthropic/v1/messages");
        assertThat(received.header("Authorization")).isEqualTo("Bearer team-token-1");
        assertThat(received.header("x-api-key")).as("the developer's key is replaced by the team's token").isNull();
        assertThat(JsonCodec.parse(received.body())).isEqualTo(JsonCodec.parse(body));
        RequestRecord record = records.poll(10, TimeUnit.SECONDS);
        assertThat(record.provider()).isEqualTo("team-gateway");
        assertThat(record.usage().inputTokens()).isEqualTo(9);
    }
}
