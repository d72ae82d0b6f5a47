package dev.headroom.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.gateway.ResponseCache;
import dev.headroom.pipeline.KeepHeadCompressor;
import dev.headroom.proxy.ProxyServer;
import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.testkit.ToolCallRequests;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

import java.io.ByteArrayOutputStream;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --bedrock-api-url}: a Bedrock client's {@code POST /model/{id}/invoke} and
 * {@code /invoke-with-response-stream} through the real proxy to a loopback upstream that answers as Bedrock
 * Runtime does (Anthropic's message JSON; application/vnd.amazon.eventstream whose {@code chunk} events carry
 * base64 Anthropic events, as in the Bedrock Runtime API reference). The body is compressed, the client's
 * signature replaced by the proxy's (checked by signing the received request again), and the event stream
 * reaches the client byte for byte.
 */
@Timeout(60)
class BedrockPassthroughIT {
    private static final AwsBasicCredentials KEY = AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final String MODEL_PATH = "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0";
    private static final String MESSAGE = "{\"id\":\"msg_bdrk_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"The build failed at step 3.\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":320,\"output_tokens\":41}}";
    private static final List<String> EVENTS = List.of(
            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bdrk_02\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":320,\"output_tokens\":1}}}",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Step 3 failed.\"}}",
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

    /** A compressor that needs no retrieval, for the streaming route: drops a padding tag, retains nothing. */
    static final class DropPadding implements Compressor {
        static final String PAD = " [pad pad pad pad pad pad pad pad]";

        @Override
        public String name() {
            return "drop-padding";
        }

        @Override
        public Set<ContentType> contentTypes() {
            return Set.of();
        }

        @Override
        public CompressorResult compress(ContentUnit unit, CompressionContext context) {
            String trimmed = unit.text().replace(PAD, "");
            return trimmed.length() < unit.text().length() ? CompressorResult.of(trimmed, "drop:padding")
                    : CompressorResult.declined("no padding");
        }
    }

    private void proxy(HeadroomEngine engine, AwsCredentialsProvider credentials, URI bedrockUrl) {
        Backends backends = Backends.discover(BedrockPassthroughIT.class.getClassLoader())
                .with(new BedrockBackend("us-west-2", credentials, Clock.systemUTC()));
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
        GatewayConfig config = GatewayConfig.builder().maxRetries(0).responseCache(ResponseCache.Settings.disabled())
                .bedrockBaseUrl(bedrockUrl).build();
        Gateway gateway = new Gateway(engine, config, backends, new CompositeStatsSink(List.of(sink)));
        proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false);
    }

    private static HeadroomEngine engine(Compressor compressor) {
        return Headroom.builder().discoverCompressors(false).addCompressor(compressor).build();
    }

    /** The conversation in Bedrock's InvokeModel body: Anthropic's, with no model and Bedrock's version. */
    private static String invokeBody(String log) {
        ObjectNode body = (ObjectNode) JsonCodec.parse(ToolCallRequests.anthropic("Bash", log, "Grep", "no match"));
        body.remove("model");
        ObjectNode out = JsonCodec.mapper().createObjectNode().put("anthropic_version", "bedrock-2023-05-31");
        out.setAll(body);
        return JsonCodec.write(out);
    }

    private static String buildLog(String lineEnd) {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            log.append("step ").append(i).append(": compiling module-").append(i).append(lineEnd).append('\n');
        }
        return log.append("step 3 FAILED").toString();
    }

    private <T> HttpResponse<T> invoke(String action, String body, String accept, HttpResponse.BodyHandler<T> handler) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + MODEL_PATH + "/" + action))
                .header("Content-Type", "application/json").header("Accept", accept)
                .header("X-Amz-Date", "20260101T000000Z").header("X-Amz-Security-Token", "client-session-token")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIACLIENTKEY/20260101/us-west-2/bedrock/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=0000")
                .header("X-Amzn-Bedrock-Trace", "ENABLED")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), handler);
    }

    /** Signs the received request again, at its own X-Amz-Date, with the proxy's key: the signature must match. */
    private static void assertSignedByTheProxy(RecordingUpstream.Received r, URI base) {
        Instant at = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(r.header("X-Amz-Date"), Instant::from);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", r.header("Content-Type"));
        headers.put("Accept", r.header("Accept"));
        Map<String, String> expected = BedrockBackend.sign(AwsV4HttpSigner.create(), KEY, "bedrock", "us-west-2",
                Clock.fixed(at, ZoneOffset.UTC), r.method(), URI.create(base + r.pathAndQuery()), headers, r.body());
        assertThat(r.header("Authorization")).isEqualTo(expected.get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/");
        assertThat(r.header("x-amz-content-sha256")).isEqualTo(expected.get("x-amz-content-sha256"));
        assertThat(r.header("X-Amz-Security-Token")).as("the client's session token stays with the client").isNull();
        assertThat(r.header("X-Amzn-Bedrock-Trace")).as("Bedrock's own headers go on").isEqualTo("ENABLED");
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

    @Test
    void invokeIsCompressedSignedAgainByTheProxyAndAnsweredAsBedrockAnswered() throws Exception {
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200, MESSAGE));
        proxy(engine(new KeepHeadCompressor(3)), StaticCredentialsProvider.create(KEY), upstream.baseUrl());
        String body = invokeBody(buildLog(""));
        HttpResponse<String> response = invoke("invoke", body, "application/json", HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonCodec.parse(response.body())).isEqualTo(JsonCodec.parse(MESSAGE));
        assertThat(response.headers().firstValue("x-headroom-tokens-after")).isPresent();
        RecordingUpstream.Received sent = upstream.last();
        assertThat(sent.pathAndQuery()).isEqualTo(MODEL_PATH + "/invoke");
        assertSignedByTheProxy(sent, upstream.baseUrl());
        JsonNode forwarded = JsonCodec.parse(sent.body());
        assertThat(sent.body().length).isLessThan(body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(forwarded.has("model")).isFalse();
        assertThat(forwarded.path("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(forwarded.at("/messages/2/content/0/content").asText()).startsWith("step 1: compiling module-1\n")
                .doesNotContain("step 30:");
        assertThat(forwarded.at("/tools/0/name").asText()).as("the cut is reversible: the retrieve tool is served")
                .isEqualTo("headroom_retrieve");

        RequestRecord record = records.poll(10, TimeUnit.SECONDS);
        assertThat(record.provider()).isEqualTo("bedrock");
        assertThat(record.model()).isEqualTo("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertThat(record.tokensAfter()).isLessThan(record.tokensBefore());
        assertThat(record.usage().inputTokens()).isEqualTo(320);
        assertThat(record.usage().outputTokens()).isEqualTo(41);
    }

    @Test
    void aRetrieveCallOnInvokeIsServedByTheProxyInASecondSignedRound() throws Exception {
        java.util.concurrent.atomic.AtomicInteger round = new java.util.concurrent.atomic.AtomicInteger();
        upstream.respondWith((ex, r) -> {
            if (round.incrementAndGet() == 1) {
                String hash = dev.headroom.retention.Marker.hashesIn(new String(r.body(), StandardCharsets.UTF_8)).get(0);
                RecordingUpstream.json(ex, 200, "{\"id\":\"msg_bdrk_r\",\"type\":\"message\",\"role\":\"assistant\","
                        + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_retrieve_1\","
                        + "\"name\":\"headroom_retrieve\",\"input\":{\"hash\":\"" + hash + "\"}}],\"stop_reason\":\"tool_use\","
                        + "\"usage\":{\"input_tokens\":100,\"output_tokens\":10}}");
            } else {
                RecordingUpstream.json(ex, 200, MESSAGE);
            }
        });
        proxy(engine(new KeepHeadCompressor(3)), StaticCredentialsProvider.create(KEY), upstream.baseUrl());
        HttpResponse<String> response = invoke("invoke", invokeBody(buildLog("")), "application/json", HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("headroom_retrieve");
        assertThat(JsonCodec.parse(response.body()).at("/content/0/text").asText()).isEqualTo("The build failed at step 3.");
        assertThat(upstream.received).hasSize(2);
        RecordingUpstream.Received second = upstream.received.get(1);
        assertThat(second.pathAndQuery()).isEqualTo(MODEL_PATH + "/invoke");
        assertSignedByTheProxy(second, upstream.baseUrl());
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).as("the original, served from the store")
                .contains("step 30: compiling module-30");
    }

    @Test
    void theEventStreamReachesTheClientByteForByteAfterACompressedSignedRequest() throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<byte[]> frames = EVENTS.stream().map(EventStreamFrames::chunk).toList();
        frames.forEach(all::writeBytes);
        upstream.respondWith((ex, r) -> eventStream(ex, frames));
        proxy(engine(new DropPadding()), StaticCredentialsProvider.create(KEY), upstream.baseUrl());
        String body = invokeBody(buildLog(DropPadding.PAD));
        HttpResponse<byte[]> response = invoke("invoke-with-response-stream", body, "application/vnd.amazon.eventstream",
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/vnd.amazon.eventstream");
        assertThat(response.headers().firstValue("x-amzn-requestid")).contains("5d0a1c2e-bedrock");
        assertThat(response.body()).isEqualTo(all.toByteArray());
        RecordingUpstream.Received sent = upstream.last();
        assertThat(sent.pathAndQuery()).isEqualTo(MODEL_PATH + "/invoke-with-response-stream");
        assertSignedByTheProxy(sent, upstream.baseUrl());
        assertThat(sent.body().length).isLessThan(body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(JsonCodec.parse(sent.body()).at("/messages/2/content/0/content").asText()).contains("step 2: compiling module-2\n");
        RequestRecord record = records.poll(10, TimeUnit.SECONDS);
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.usage().inputTokens()).as("usage read from the chunks inside the binary stream").isEqualTo(320);
        assertThat(record.usage().outputTokens()).isEqualTo(12);
        assertThat(record.transforms()).contains("drop:padding");
    }

    @Test
    void aStreamingRequestWhoseCompressionNeedsTheRetrieveToolGoesOutAsTheClientSentIt() throws Exception {
        upstream.respondWith((ex, r) -> eventStream(ex, EVENTS.stream().map(EventStreamFrames::chunk).toList()));
        proxy(engine(new KeepHeadCompressor(3)), StaticCredentialsProvider.create(KEY), upstream.baseUrl());
        String body = invokeBody(buildLog(""));
        HttpResponse<byte[]> response = invoke("invoke-with-response-stream", body, "application/vnd.amazon.eventstream",
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode forwarded = JsonCodec.parse(upstream.last().body());
        assertThat(forwarded).as("no marker that the binary stream could never redeem").isEqualTo(JsonCodec.parse(body));
        assertSignedByTheProxy(upstream.last(), upstream.baseUrl());
    }

    @Test
    void bedrockErrorsArePassedThroughInBedrocksShape() throws Exception {
        upstream.respondWith((ex, r) -> {
            ex.getResponseHeaders().add("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/");
            RecordingUpstream.json(ex, 429, "{\"message\":\"Too many requests, please wait before trying again.\"}");
        });
        proxy(engine(new KeepHeadCompressor(3)), StaticCredentialsProvider.create(KEY), upstream.baseUrl());
        HttpResponse<String> response = invoke("invoke", invokeBody("ok"), "application/json", HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.body()).isEqualTo("{\"message\":\"Too many requests, please wait before trying again.\"}");
        assertThat(response.headers().firstValue("x-amzn-errortype")).hasValueSatisfying(v -> assertThat(v).startsWith("ThrottlingException"));
    }

    @Test
    void withoutAwsCredentialsTheProxyAnswers401AndSendsNothing() throws Exception {
        proxy(engine(new KeepHeadCompressor(3)), () -> {
            throw software.amazon.awssdk.core.exception.SdkClientException.create("Unable to load credentials");
        }, upstream.baseUrl());
        HttpResponse<String> response = invoke("invoke", invokeBody("ok"), "application/json", HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JsonCodec.parse(response.body()).path("message").asText()).contains("no AWS credentials");
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void withoutBedrockApiUrlTheRoutesAnswer404NamingTheOption() throws Exception {
        proxy(engine(new KeepHeadCompressor(3)), StaticCredentialsProvider.create(KEY), null);
        HttpResponse<String> response = invoke("invoke", invokeBody("ok"), "application/json", HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JsonCodec.parse(response.body()).path("message").asText()).contains("--bedrock-api-url");
        assertThat(upstream.received).isEmpty();
    }
}
