package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The standalone proxy between a real client and a real in-test upstream, on loopback. */
@Timeout(60)
class ProxyIT {
    private RecordingUpstream upstream;
    private ProxyServer proxy;
    private ProxyClient http;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        upstream = new RecordingUpstream();
        proxy = startProxy(upstream.baseUrl(), upstream.baseUrl());
        http = new ProxyClient(proxy.port());
        client = http.client;
    }

    private static ProxyServer startProxy(URI anthropic, URI openai) {
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(anthropic).openaiBaseUrl(openai)
                .maxRetries(2).connectTimeout(Duration.ofSeconds(2)).build();
        Gateway gateway = StatsProxy.gateway(config, new CompositeStatsSink(List.of()));
        return ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false);
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    static String anthropicRequest(String toolResult, boolean stream) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100," + (stream ? "\"stream\":true," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"what failed?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_9\",\"name\":\"Bash\",\"input\":{\"command\":\"make\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_9\",\"content\":"
                + JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(toolResult)) + "}]}]}";
    }

    private static String bigOutput() {
        return "FATAL first line of the build\n" + "compiling module step ok\n".repeat(300);
    }

    @Test
    void forwardsKeysVersionAndQueryAndRelaysAnswerWithProviderHeaders() throws Exception {
        upstream.respondWith((ex, r) -> {
            ex.getResponseHeaders().add("request-id", "req_123");
            ex.getResponseHeaders().add("anthropic-ratelimit-requests-remaining", "99");
            RecordingUpstream.json(ex, 200, "{\"id\":\"msg_1\",\"type\":\"message\",\"usage\":{\"input_tokens\":5,\"output_tokens\":7}}");
        });
        HttpResponse<String> response = http.post("/v1/messages?beta=true", anthropicRequest("short", false),
                "x-api-key", "sk-ant-api03-SECRET", "anthropic-version", "2023-06-01", "anthropic-beta", "a,b",
                "x-headroom-session-id", "s1", "content-type", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("msg_1");
        assertThat(response.headers().firstValue("request-id")).contains("req_123");
        assertThat(response.headers().firstValue("anthropic-ratelimit-requests-remaining")).contains("99");
        RecordingUpstream.Received r = upstream.last();
        assertThat(r.pathAndQuery()).isEqualTo("/v1/messages?beta=true");
        assertThat(r.header("x-api-key")).isEqualTo("sk-ant-api03-SECRET");
        assertThat(r.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(r.header("anthropic-beta")).isEqualTo("a,b");
        assertThat(r.header("x-headroom-session-id")).isNull();
    }

    @Test
    void forwardsUnchangedRequestAsTheExactBytes() throws Exception {
        String body = anthropicRequest("short", false).replace(",", " , ");
        http.post("/v1/messages", body);
        assertThat(new String(upstream.last().body(), StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void compressesLargeToolResultKeepingIdsAndReportsTokens() throws Exception {
        HttpResponse<String> response = http.post("/v1/messages", anthropicRequest(bigOutput(), false));
        JsonNode forwarded = JsonCodec.parse(upstream.last().body());
        String result = forwarded.at("/messages/2/content/0/content").asText();
        assertThat(result).contains("FATAL first line of the build").contains("headroom_retrieve");
        assertThat(forwarded.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo("toolu_9");
        assertThat(forwarded.at("/messages/1/content/0/id").asText()).isEqualTo("toolu_9");
        long before = Long.parseLong(response.headers().firstValue("x-headroom-tokens-before").orElseThrow());
        long after = Long.parseLong(response.headers().firstValue("x-headroom-tokens-after").orElseThrow());
        assertThat(after).isLessThan(before);
    }

    @Test
    void relaysServerSentEventsAsTheyArrive() throws Exception {
        CountDownLatch clientSawFirstEvent = new CountDownLatch(1);
        upstream.respondWith((ex, r) -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3}}}\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                // The upstream finishes only after the client has seen the first event: no buffering allowed.
                assertThat(clientSawFirstEvent.await(20, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n".getBytes(StandardCharsets.UTF_8));
        });
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(http.url("/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString(anthropicRequest("hi", true))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).isEqualTo("event: message_start");
        clientSawFirstEvent.countDown();
        StringBuilder rest = new StringBuilder();
        for (String line; (line = reader.readLine()) != null; ) {
            rest.append(line).append('\n');
        }
        assertThat(rest).contains("message_stop");
    }

    @Test
    void passesThroughRateLimitAfterRetriesWithStatusAndBody() throws Exception {
        upstream.respondWith((ex, r) -> {
            ex.getResponseHeaders().add("retry-after", "0");
            RecordingUpstream.json(ex, 429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}");
        });
        HttpResponse<String> response = http.post("/v1/messages", anthropicRequest("hi", false));
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.body()).contains("slow down");
        assertThat(upstream.received).hasSize(3);
    }

    @Test
    void passesThroughServerErrorsWithTheirBodies() throws Exception {
        for (int status : new int[] {500, 529}) {
            upstream.received.clear();
            upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, status, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy " + status + "\"}}"));
            HttpResponse<String> response = http.post("/v1/messages", anthropicRequest("hi", false));
            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.body()).contains("busy " + status);
        }
    }

    @Test
    void retriesTransientFailureBeforeAnsweringTheClient() throws Exception {
        upstream.respondWith((ex, r) -> {
            if (upstream.received.size() == 1) {
                RecordingUpstream.json(ex, 503, "{\"error\":\"warming up\"}");
            } else {
                RecordingUpstream.json(ex, 200, "{\"id\":\"chatcmpl-1\",\"choices\":[]}");
            }
        });
        HttpResponse<String> response = http.post("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstream.received).hasSize(2);
    }

    @Test
    void answersMalformedJsonWithTheProvidersErrorEnvelope() throws Exception {
        HttpResponse<String> anthropic = http.post("/v1/messages", "{\"model\": ");
        assertThat(anthropic.statusCode()).isEqualTo(400);
        JsonNode a = JsonCodec.parse(anthropic.body());
        assertThat(a.path("type").asText()).isEqualTo("error");
        assertThat(a.at("/error/type").asText()).isEqualTo("invalid_request_error");
        HttpResponse<String> openai = http.post("/v1/chat/completions", "not json");
        assertThat(openai.statusCode()).isEqualTo(400);
        assertThat(JsonCodec.parse(openai.body()).at("/error/message").asText()).contains("not valid JSON");
        assertThat(upstream.received).isEmpty();
        assertThat(anthropic.body() + openai.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void decodesGzipRequestBodies() throws Exception {
        String body = anthropicRequest("short", false);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(http.url("/v1/messages"))
                .header("content-encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(upstream.last().body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(upstream.last().header("content-encoding")).isNull();
    }

    @Test
    void acceptsFiveMegabyteBody() throws Exception {
        String big = "x".repeat(5 * 1024 * 1024);
        HttpResponse<String> response = http.post("/v1/chat/completions",
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstream.last().body().length).isGreaterThan(5 * 1024 * 1024);
    }

    @Test
    void reportsUnreachableUpstreamInTheEnvelope() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        try (ProxyServer dead = startProxy(URI.create("http://127.0.0.1:" + deadPort), upstream.baseUrl())) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dead.port() + "/v1/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString(anthropicRequest("hi", false))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(JsonCodec.parse(response.body()).at("/error/message").asText()).contains("unreachable");
        }
    }

    @Test
    void endsACutStreamWithTheProvidersErrorEvent() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket socket = raw.accept()) {
                    InputStream in = socket.getInputStream();
                    byte[] buf = new byte[65536];
                    in.read(buf); // the request (small)
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: 100000\r\n\r\n"
                            + "event: message_start\ndata: {\"type\":\"message_start\"}\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (Exception ignored) {
                    // the test asserts on what the client saw
                }
            });
            server.start();
            try (ProxyServer cut = startProxy(URI.create("http://127.0.0.1:" + raw.getLocalPort()), upstream.baseUrl())) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cut.port() + "/v1/messages"))
                        .POST(HttpRequest.BodyPublishers.ofString(anthropicRequest("hi", true))).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.body()).contains("message_start").contains("event: error").contains("cut off");
                // and the proxy keeps serving
                assertThat(http.post("/v1/messages", anthropicRequest("hi", false)).statusCode()).isEqualTo(200);
            }
            server.join(5000);
        }
    }

    @Test
    void servesFiftyConcurrentStreams() throws Exception {
        upstream.respondWith((ex, r) -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            for (int i = 0; i < 5; i++) {
                ex.getResponseBody().write(("data: {\"n\":" + i + "}\n\n").getBytes(StandardCharsets.UTF_8));
                ex.getResponseBody().flush();
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> http.post("/v1/chat/completions",
                        "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").body()));
            }
            for (Future<String> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).contains("{\"n\":4}");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void forwardsTheSecondTurnWithAByteIdenticalPrefix() throws Exception {
        String turn1 = anthropicRequest(bigOutput(), false);
        http.post("/v1/messages", turn1);
        byte[] first = upstream.last().body();
        String turn2 = turn1.substring(0, turn1.length() - 2)
                + ",{\"role\":\"assistant\",\"content\":\"The build failed.\"},{\"role\":\"user\",\"content\":\"fix it\"}]}";
        http.post("/v1/messages", turn2);
        byte[] second = upstream.last().body();
        String a = new String(first, StandardCharsets.UTF_8);
        String b = new String(second, StandardCharsets.UTF_8);
        String prefix = a.substring(0, a.length() - 2); // up to the end of the last message of turn 1
        assertThat(b).startsWith(prefix);
    }

    @Test
    void servesRetainedOriginalsOnTheLoopbackDebugRoute() throws Exception {
        http.post("/v1/messages", anthropicRequest(bigOutput(), false));
        String forwarded = new String(upstream.last().body(), StandardCharsets.UTF_8);
        String hash = dev.headroom.retention.Marker.hashesIn(forwarded).get(0);
        HttpResponse<String> found = client.send(HttpRequest.newBuilder(http.url("/v1/retrieve/" + hash)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).isEqualTo(bigOutput());
        HttpResponse<String> missing = client.send(HttpRequest.newBuilder(http.url("/v1/retrieve/" + "0".repeat(24))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void answersHealthRoutes() throws Exception {
        assertThat(client.send(HttpRequest.newBuilder(http.url("/livez")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(client.send(HttpRequest.newBuilder(http.url("/readyz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        String health = client.send(HttpRequest.newBuilder(http.url("/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(JsonCodec.parse(health).path("status").asText()).isEqualTo("healthy");
    }

    @Test
    void refusesToListenOnAnOpenHostWithoutAToken() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProxyServer.start(null, "0.0.0.0", 0, Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HEADROOM_PROXY_TOKEN");
    }
}
