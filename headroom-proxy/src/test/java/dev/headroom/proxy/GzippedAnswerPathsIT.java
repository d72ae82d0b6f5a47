package dev.headroom.proxy;

import dev.headroom.testkit.RecordingUpstream;
import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.Headroom;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.pipeline.KeepHeadCompressor;
import dev.headroom.stats.CompositeStatsSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gzipped upstream answers on every path an answer takes inside the proxy: the retrieval continuation (the
 * proxy parses the answer, serves {@code headroom_retrieve} and calls upstream again, whole or streamed, for
 * each wire format), the response cache (the stored answer is the decoded one) and retries.
 */
@Timeout(60)
class GzippedAnswerPathsIT {
    private final PlayedModel model = new PlayedModel();
    private RecordingUpstream upstream;
    private ProxyServer proxy;
    private ProxyClient http;

    @BeforeEach
    void start() throws Exception {
        upstream = new RecordingUpstream();
        upstream.respondWith(EncodingUpstream.gzip(model));
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl()).openaiBaseUrl(upstream.baseUrl())
                .maxRetries(2).connectTimeout(Duration.ofSeconds(2)).build();
        Gateway gateway = new Gateway(Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor(3)).build(),
                config, Backends.discover(GzippedAnswerPathsIT.class.getClassLoader()), new CompositeStatsSink(List.of()));
        proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false);
        http = new ProxyClient(proxy.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    private static String text(List<RetrievalIT.Event> events, String pointer) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.data() != null).forEach(e -> text.append(e.data().at(pointer).asText("")));
        return text.toString();
    }

    @Test
    void gzippedAnthropicAnswerIsContinuedThroughRetrieval() throws Exception {
        HttpResponse<String> response = http.post("/v1/messages", ProxyIT.anthropicRequest(RetrievalIT.bigOutput(), false));
        JsonNode answer = GzippedUpstreamIT.plainJson(response, upstream);
        assertThat(response.body()).doesNotContain("headroom_retrieve");
        assertThat(answer.at("/content/0/text").asText()).isEqualTo("Found it: " + PlayedModel.NEEDLE);
        assertThat(answer.at("/usage/input_tokens").asLong()).isEqualTo(250);
        assertThat(upstream.received).hasSize(2);
    }

    @Test
    void gzippedAnthropicStreamIsContinuedThroughRetrieval() throws Exception {
        HttpResponse<String> response = http.post("/v1/messages", ProxyIT.anthropicRequest(RetrievalIT.bigOutput(), true));
        List<RetrievalIT.Event> events = GzippedUpstreamIT.plainEvents(response);
        assertThat(response.body()).doesNotContain("headroom_retrieve");
        assertThat(text(events, "/delta/text")).isEqualTo("Let me look.Found it: " + PlayedModel.NEEDLE);
        assertThat(events.get(events.size() - 1).name()).isEqualTo("message_stop");
        assertThat(upstream.received).hasSize(2);
    }

    @Test
    void gzippedChatAnswerIsContinuedThroughRetrieval() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", RetrievalIT.chatRequest(RetrievalIT.bigOutput(), false));
        JsonNode answer = GzippedUpstreamIT.plainJson(response, upstream);
        assertThat(response.body()).doesNotContain("headroom_retrieve");
        assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("Found it: " + PlayedModel.NEEDLE);
        assertThat(answer.at("/usage/total_tokens").asLong()).isEqualTo(280);
    }

    @Test
    void gzippedChatStreamIsContinuedThroughRetrieval() throws Exception {
        HttpResponse<String> response = http.post("/v1/chat/completions", RetrievalIT.chatRequest(RetrievalIT.bigOutput(), true));
        List<RetrievalIT.Event> events = GzippedUpstreamIT.plainEvents(response);
        assertThat(response.body()).doesNotContain("headroom_retrieve");
        assertThat(text(events, "/choices/0/delta/content")).isEqualTo("Let me look.Found it: " + PlayedModel.NEEDLE);
        assertThat(events.get(events.size() - 1).data()).as("[DONE]").isNull();
    }

    @Test
    void gzippedResponsesAnswerIsContinuedThroughRetrieval() throws Exception {
        HttpResponse<String> response = http.post("/v1/responses", GzippedUpstreamIT.responsesRequest(RetrievalIT.bigOutput(), false));
        JsonNode answer = GzippedUpstreamIT.plainJson(response, upstream);
        assertThat(response.body()).doesNotContain("headroom_retrieve");
        assertThat(answer.path("id").asText()).isEqualTo("resp_final");
        assertThat(answer.at("/output/0/content/0/text").asText()).isEqualTo("Found it: " + PlayedModel.NEEDLE);
    }

    @Test
    void gzippedResponsesStreamIsContinuedThroughRetrieval() throws Exception {
        HttpResponse<String> response = http.post("/v1/responses", GzippedUpstreamIT.responsesRequest(RetrievalIT.bigOutput(), true));
        List<RetrievalIT.Event> events = GzippedUpstreamIT.plainEvents(response);
        assertThat(response.body()).doesNotContain("headroom_retrieve");
        RetrievalIT.Event completed = events.get(events.size() - 1);
        assertThat(completed.name()).isEqualTo("response.completed");
        assertThat(completed.data().at("/response/output/1/content/0/text").asText()).isEqualTo("Found it: " + PlayedModel.NEEDLE);
    }

    @Test
    void gzippedAnswerIsCachedAndReplayedDecoded() throws Exception {
        String request = ProxyIT.anthropicRequest("short", false);
        HttpResponse<String> first = http.post("/v1/messages", request);
        HttpResponse<String> replayed = http.post("/v1/messages", request);
        GzippedUpstreamIT.plainJson(first, upstream);
        JsonNode answer = GzippedUpstreamIT.plainJson(replayed, upstream);
        assertThat(replayed.headers().firstValue("x-headroom-cached")).contains("true");
        assertThat(replayed.headers().firstValue("content-length")).contains(Integer.toString(replayed.body().length()));
        assertThat(replayed.body()).isEqualTo(first.body());
        assertThat(answer.at("/content/0/text").asText()).isEqualTo("No marker here.");
        assertThat(upstream.received).hasSize(1);
    }

    @Test
    void gzippedAnswerAfterRetriesReachesClientAsJson() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        upstream.respondWith(EncodingUpstream.gzip((ex, r) -> {
            if (calls.incrementAndGet() < 3) {
                RecordingUpstream.json(ex, 503, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}");
            } else {
                model.respond(ex, r);
            }
        }));
        JsonNode answer = GzippedUpstreamIT.plainJson(http.post("/v1/messages", ProxyIT.anthropicRequest("short", false)), upstream);
        assertThat(answer.at("/content/0/text").asText()).isEqualTo("No marker here.");
        assertThat(upstream.received).hasSize(3);
    }
}
