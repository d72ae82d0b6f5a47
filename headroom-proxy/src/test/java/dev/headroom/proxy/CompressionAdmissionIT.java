package dev.headroom.proxy;

import dev.headroom.testkit.RecordingUpstream;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.core.Headroom;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.AdmissionSettings;
import dev.headroom.gateway.CompressionAdmission;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.spi.CompressionContext;
import dev.headroom.spi.Compressor;
import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.spi.RequestRecord;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compression admission limit between a real client and a real upstream on loopback: while one request
 * holds the limit, another goes out exactly as received (counted as {@code admission_limit}) or, when the limit
 * frees up within the wait, is compressed after queueing.
 */
@Timeout(60)
class CompressionAdmissionIT {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final RecordLatch records = new RecordLatch();
    private RecordingUpstream upstream;
    private ProxyServer proxy;

    /** Keeps the first line; the first unit it sees waits until the test releases it. */
    private final class GateCompressor implements Compressor {
        private boolean first = true;

        @Override
        public String name() {
            return "gate";
        }

        @Override
        public Set<ContentType> contentTypes() {
            return Set.of();
        }

        @Override
        public CompressorResult compress(ContentUnit unit, CompressionContext context) {
            boolean wait;
            synchronized (this) {
                wait = first;
                first = false;
            }
            if (wait) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return CompressorResult.of(unit.text().lines().findFirst().orElse("") + "\n[rest omitted]", "gate:head");
        }
    }

    private void start(AdmissionSettings admission) throws Exception {
        upstream = new RecordingUpstream();
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200,
                "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],"
                        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}"));
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl()).openaiBaseUrl(upstream.baseUrl())
                .maxRetries(0).admission(admission).build();
        Gateway gateway = new Gateway(Headroom.builder().discoverCompressors(false).addCompressor(new GateCompressor())
                .retention(false).build(), config,
                Backends.discover(CompressionAdmissionIT.class.getClassLoader()), new CompositeStatsSink(List.of(records)));
        proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false);
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (proxy != null) {
            proxy.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void requestOverTheLimitGoesOutAsReceivedAndIsCountedWhileAnotherIsCompressing() throws Exception {
        start(new AdmissionSettings(64 * 1024, Duration.ZERO));
        CompletableFuture<HttpResponse<String>> holder = client.sendAsync(post(request("first", 40_000)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        String second = request("second", 40_000);
        HttpResponse<String> passed = client.send(post(second), HttpResponse.BodyHandlers.ofString());

        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(passed.body()).contains("\"ok\"");
        assertThat(new String(upstream.last().body(), StandardCharsets.UTF_8)).isEqualTo(second);
        assertThat(records.await(1)).isTrue();
        RequestRecord record = records.records().get(0);
        assertThat(record.reasonCounts()).containsEntry(CompressionAdmission.REASON, 1);
        assertThat(record.transforms()).isEmpty();

        release.countDown();
        assertThat(holder.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(records.await(1)).isTrue();
        assertThat(records.records().get(1).transforms()).containsExactly("gate:head");
    }

    @Test
    void requestQueuesForTheLimitAndIsCompressedOnceItFreesWithinTheWait() throws Exception {
        start(new AdmissionSettings(64 * 1024, Duration.ofSeconds(20)));
        CompletableFuture<HttpResponse<String>> holder = client.sendAsync(post(request("first", 40_000)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<HttpResponse<String>> queued = client.sendAsync(post(request("second", 40_000)),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(200); // the second request is now waiting for admission
        assertThat(queued).isNotDone();
        release.countDown();

        assertThat(holder.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(queued.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(records.await(2)).isTrue();
        assertThat(records.records()).allSatisfy(r -> {
            assertThat(r.transforms()).containsExactly("gate:head");
            assertThat(r.reasonCounts()).doesNotContainKey(CompressionAdmission.REASON);
        });
        assertThat(upstream.received).allSatisfy(r -> assertThat(r.body().length).isLessThan(1000));
    }

    @Test
    void requestLargerThanTheWholeLimitIsCompressedWhenNothingElseIs() throws Exception {
        start(new AdmissionSettings(4 * 1024, Duration.ZERO));
        release.countDown(); // nothing waits in this test

        HttpResponse<String> response = client.send(post(request("big", 40_000)), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(records.await(1)).isTrue();
        assertThat(records.records().get(0).transforms()).containsExactly("gate:head");
        assertThat(upstream.last().body().length).isLessThan(1000);
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages"))
                .header("content-type", "application/json").header("x-api-key", "sk-ant-test")
                .header("anthropic-version", "2023-06-01").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** An Anthropic request whose one tool result is {@code chars} of log lines. */
    private static String request(String id, int chars) {
        ObjectNode root = JsonCodec.mapper().createObjectNode().put("model", "claude-sonnet-4-5").put("max_tokens", 10);
        var messages = root.putArray("messages");
        messages.addObject().put("role", "user").put("content", "what failed? " + id);
        ObjectNode use = messages.addObject().put("role", "assistant").putArray("content").addObject();
        use.put("type", "tool_use").put("id", "toolu_" + id).put("name", "Bash").putObject("input").put("command", "cat log");
        StringBuilder log = new StringBuilder();
        for (int i = 0; log.length() < chars; i++) {
            log.append(id).append(" line ").append(i).append(" GET /api/orders 200 12ms\n");
        }
        messages.addObject().put("role", "user").putArray("content").addObject()
                .put("type", "tool_result").put("tool_use_id", "toolu_" + id).put("content", log.toString());
        return JsonCodec.write(root);
    }
}
