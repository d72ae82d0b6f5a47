package dev.headroom.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.headroom.core.Headroom;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.gateway.MessagesUpstream;
import dev.headroom.gateway.ResponseCache;
import dev.headroom.proxy.ProxyServer;
import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --backend bedrock} through the real proxy against a loopback upstream that answers as Bedrock Runtime
 * does (InvokeModel returns Anthropic's message body; InvokeModelWithResponseStream returns
 * application/vnd.amazon.eventstream whose {@code chunk} events carry base64 Anthropic events, the last one with
 * {@code amazon-bedrock-invocationMetrics}; errors are {@code {"message":…}} with {@code x-amzn-ErrorType}, as in
 * the Bedrock Runtime API reference), the event stream encoded here with its real framing and checksums.
 */
@Timeout(60)
class BedrockIT {
    private static final AwsBasicCredentials KEY = AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final String REQUEST = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":512,"
            + "\"system\":[{\"type\":\"text\",\"text\":\"You are Claude Code.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"list the files\"}]}";
    private static final String MESSAGE = "{\"id\":\"msg_bdrk_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\","
            + "\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_bdrk_01\",\"name\":\"Bash\",\"input\":{\"command\":\"ls\"}}],"
            + "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":320,\"cache_creation_input_tokens\":0,"
            + "\"cache_read_input_tokens\":2048,\"output_tokens\":41}}";
    private static final List<String> EVENTS = List.of(
            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bdrk_02\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\","
                    + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":320,\"cache_read_input_tokens\":2048,\"output_tokens\":1}}}",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Listing \"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"now.\"}}",
            "{\"type\":\"content_block_stop\",\"index\":0}",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":12}}",
            "{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":320,\"outputTokenCount\":12,"
                    + "\"invocationLatency\":812,\"firstByteLatency\":402}}");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final LinkedBlockingQueue<RequestRecord> records = new LinkedBlockingQueue<>();
    private RecordingUpstream upstream;
    private ProxyServer proxy;

    @BeforeEach
    void start() throws IOException {
        upstream = new RecordingUpstream();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        upstream.close();
    }

    private void proxy(StaticCredentialsProvider credentials) {
        BedrockBackend bedrock = new BedrockBackend("us-west-2", credentials, Clock.systemUTC());
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
        Backends backends = Backends.discover(BedrockIT.class.getClassLoader());
        GatewayConfig config = GatewayConfig.builder().maxRetries(0).responseCache(ResponseCache.Settings.disabled()).build();
        Gateway gateway = new Gateway(Headroom.builder().discoverCompressors(false).build(), config, backends,
                new CompositeStatsSink(List.of(sink)), MessagesUpstream.of(bedrock, upstream.baseUrl(), n -> null));
        proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false);
    }

    private HttpResponse<String> messages(String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages?beta=true"))
                .header("content-type", "application/json").header("x-api-key", "sk-ant-client")
                .header("anthropic-version", "2023-06-01").header("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void eventStream(HttpExchange ex, List<byte[]> frames) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/vnd.amazon.eventstream");
        ex.getResponseHeaders().add("x-amzn-RequestId", "5d0a1c2e-bedrock");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        for (byte[] frame : frames) {
            out.write(frame);
            out.flush();
        }
    }

    private static List<byte[]> chunks(List<String> events) {
        List<byte[]> frames = new ArrayList<>();
        events.forEach(e -> frames.add(EventStreamFrames.chunk(e)));
        return frames;
    }

    private static List<String> eventNames(String sse) {
        List<String> names = new ArrayList<>();
        for (String block : sse.split("\n\n")) {
            if (block.startsWith("event: ")) {
                names.add(block.substring(7, block.indexOf('\n')));
            }
        }
        return names;
    }

    /** Signs the received request again, at its own X-Amz-Date, with the same key: the signature must match. */
    private static void assertSignedWith(RecordingUpstream.Received r, URI base) {
        String date = r.header("X-Amz-Date");
        Instant at = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).parse(date, Instant::from);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", r.header("Content-Type"));
        headers.put("Accept", r.header("Accept"));
        Map<String, String> expected = BedrockBackend.sign(AwsV4HttpSigner.create(), KEY, "bedrock", "us-west-2",
                Clock.fixed(at, ZoneOffset.UTC), r.method(), URI.create(base + r.pathAndQuery()), headers, r.body());
        assertThat(r.header("Authorization")).isEqualTo(expected.get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/").contains("/us-west-2/bedrock/aws4_request");
        assertThat(r.header("x-amz-content-sha256")).isEqualTo(expected.get("x-amz-content-sha256"));
    }

    @Test
    void aWholeAnswerComesFromInvokeModelSignedWithTheModelMappedToTheRegionsProfile() throws Exception {
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200, MESSAGE));
        proxy(StaticCredentialsProvider.create(KEY));
        HttpResponse<String> response = messages(REQUEST);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonCodec.parse(response.body())).isEqualTo(JsonCodec.parse(MESSAGE));

        RecordingUpstream.Received sent = upstream.last();
        assertThat(sent.pathAndQuery()).isEqualTo("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke");
        assertThat(sent.header("x-api-key")).as("the client's Anthropic key is not sent to AWS").isNull();
        assertThat(sent.header("anthropic-version")).isNull();
        assertSignedWith(sent, upstream.baseUrl());
        JsonNode body = JsonCodec.parse(sent.body());
        assertThat(body.path("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(body.has("model")).isFalse();
        assertThat(body.has("stream")).isFalse();
        assertThat(body.path("anthropic_beta").toString()).isEqualTo("[\"claude-code-20250219\",\"interleaved-thinking-2025-05-14\"]");
        assertThat(body.at("/system/0/cache_control/type").asText()).as("Anthropic's body as it is").isEqualTo("ephemeral");

        RequestRecord record = records.poll(10, TimeUnit.SECONDS);
        assertThat(record.provider()).isEqualTo("bedrock");
        assertThat(record.usage().inputTokens()).isEqualTo(320);
        assertThat(record.usage().cacheReadTokens()).isEqualTo(2048);
        assertThat(record.usage().outputTokens()).isEqualTo(41);
    }

    @Test
    void theBinaryEventStreamIsDecodedIntoAnthropicServerSentEvents() throws Exception {
        upstream.respondWith((ex, r) -> eventStream(ex, chunks(EVENTS)));
        proxy(StaticCredentialsProvider.create(KEY));
        HttpResponse<String> response = messages(REQUEST.replace("\"max_tokens\":512,", "\"max_tokens\":512,\"stream\":true,"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(response.headers().firstValue("x-amzn-requestid")).contains("5d0a1c2e-bedrock");
        assertThat(eventNames(response.body())).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        StringBuilder data = new StringBuilder();
        for (String block : response.body().split("\n\n")) {
            data.append(block.substring(block.indexOf("data: ") + 6)).append('\n');
        }
        assertThat(data.toString()).isEqualTo(String.join("\n", EVENTS) + "\n");
        assertThat(upstream.last().pathAndQuery()).isEqualTo("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream");
        assertThat(upstream.last().header("Accept")).isEqualTo("application/vnd.amazon.eventstream");
        assertSignedWith(upstream.last(), upstream.baseUrl());
        RequestRecord record = records.poll(10, TimeUnit.SECONDS);
        assertThat(record.usage().inputTokens()).isEqualTo(320);
        assertThat(record.usage().outputTokens()).isEqualTo(12);
    }

    @Test
    void anExceptionInsideTheStreamBecomesAnAnthropicErrorEvent() throws Exception {
        upstream.respondWith((ex, r) -> {
            List<byte[]> frames = chunks(EVENTS.subList(0, 3));
            frames.add(EventStreamFrames.exception("throttlingException", "Too many tokens, please wait before trying again."));
            eventStream(ex, frames);
        });
        proxy(StaticCredentialsProvider.create(KEY));
        HttpResponse<String> response = messages(REQUEST.replace("\"max_tokens\":512,", "\"max_tokens\":512,\"stream\":true,"));
        List<String> names = eventNames(response.body());
        assertThat(names).containsExactly("message_start", "content_block_start", "content_block_delta", "error");
        String last = response.body().substring(response.body().lastIndexOf("data: ") + 6).strip();
        assertThat(JsonCodec.parse(last).at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(JsonCodec.parse(last).at("/error/message").asText()).isEqualTo("Too many tokens, please wait before trying again.");
    }

    @Test
    void aFrameWithABadChecksumEndsTheStreamWithAnErrorRatherThanGarbage() throws Exception {
        upstream.respondWith((ex, r) -> {
            List<byte[]> frames = chunks(EVENTS.subList(0, 3));
            byte[] broken = EventStreamFrames.chunk(EVENTS.get(3));
            broken[broken.length - 10] ^= 0x20; // one payload bit flipped: the message CRC no longer matches
            frames.add(broken);
            eventStream(ex, frames);
        });
        proxy(StaticCredentialsProvider.create(KEY));
        HttpResponse<String> response = messages(REQUEST.replace("\"max_tokens\":512,", "\"max_tokens\":512,\"stream\":true,"));
        List<String> names = eventNames(response.body().strip());
        assertThat(names.subList(0, 3)).containsExactly("message_start", "content_block_start", "content_block_delta");
        assertThat(names.get(names.size() - 1)).isEqualTo("error");
        assertThat(response.body()).doesNotContain("now.");
    }

    @Test
    void bedrockErrorsComeBackInTheAnthropicEnvelopeWithTheirStatus() throws Exception {
        upstream.respondWith((ex, r) -> {
            ex.getResponseHeaders().add("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/");
            RecordingUpstream.json(ex, 429, "{\"message\":\"Too many requests, please wait before trying again.\"}");
        });
        proxy(StaticCredentialsProvider.create(KEY));
        HttpResponse<String> throttled = messages(REQUEST);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                + "\"message\":\"Too many requests, please wait before trying again.\"}}");
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 500, "{\"message\":\"The system encountered an unexpected error during processing. Try your request again.\"}"));
        HttpResponse<String> failed = messages(REQUEST);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(JsonCodec.parse(failed.body()).at("/error/type").asText()).isEqualTo("api_error");
    }

    @Test
    void withoutAwsCredentialsTheRequestIsRefusedBeforeAnythingIsSent() throws Exception {
        BedrockBackend bedrock = new BedrockBackend("us-west-2", () -> {
            throw software.amazon.awssdk.core.exception.SdkClientException.create("Unable to load credentials");
        }, Clock.systemUTC());
        Gateway gateway = new Gateway(Headroom.builder().discoverCompressors(false).build(),
                GatewayConfig.builder().maxRetries(0).build(), Backends.discover(BedrockIT.class.getClassLoader()),
                new CompositeStatsSink(List.of()), MessagesUpstream.of(bedrock, upstream.baseUrl(), n -> null));
        assertThat(gateway.messagesUpstream().credentialsPresent()).isFalse();
        proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false);
        HttpResponse<String> response = messages(REQUEST);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JsonCodec.parse(response.body()).at("/error/type").asText()).isEqualTo("authentication_error");
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void theServiceLoaderFindsTheBedrockBackend() {
        Backends backends = Backends.discover(BedrockIT.class.getClassLoader());
        assertThat(backends.names()).contains("bedrock");
        assertThat(backends.byName("bedrock")).isInstanceOf(BedrockBackend.class);
        assertThat(backends.failures()).isEmpty();
    }

}
