package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.Headroom;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.pipeline.KeepHeadCompressor;
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
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Retrieval served inside the proxy for OpenAI Responses, whole and streamed, against a played model. */
@Timeout(60)
class ResponsesRetrievalIT {
    private final PlayedModel model = new PlayedModel();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private RecordingUpstream upstream;
    private ProxyServer proxy;

    @BeforeEach
    void start() throws Exception {
        upstream = new RecordingUpstream();
        upstream.respondWith(model);
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl()).openaiBaseUrl(upstream.baseUrl()).build();
        Gateway gateway = new Gateway(Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor(3)).build(),
                config, Backends.discover(ResponsesRetrievalIT.class.getClassLoader()), new CompositeStatsSink(List.of()));
        proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false);
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    private String post(boolean stream) throws Exception {
        String body = "{\"model\":\"gpt-5\"," + (stream ? "\"stream\":true," : "")
                + "\"tools\":[{\"type\":\"function\",\"name\":\"Bash\",\"parameters\":{\"type\":\"object\"}}],"
                + "\"input\":[{\"role\":\"user\",\"content\":\"what failed?\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"call_9\",\"name\":\"Bash\",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_9\",\"output\":"
                + JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(RetrievalIT.bigOutput())) + "}]}";
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/responses"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void wholeAnswerServesTheRetrieveCall() throws Exception {
        String body = post(false);
        assertThat(body).contains(PlayedModel.NEEDLE).doesNotContain("headroom_retrieve");
        JsonNode answer = JsonCodec.parse(body);
        assertThat(answer.path("id").asText()).isEqualTo("resp_final");
        assertThat(answer.at("/usage/input_tokens").asLong()).isEqualTo(250);
        JsonNode first = JsonCodec.parse(upstream.received.get(0).body());
        assertThat(first.at("/tools/1/name").asText()).isEqualTo("headroom_retrieve");
        assertThat(first.at("/tools/1/strict").asBoolean(true)).isFalse();
        JsonNode input = JsonCodec.parse(upstream.received.get(1).body()).path("input");
        assertThat(input.at("/4/name").asText()).isEqualTo("headroom_retrieve");
        assertThat(input.at("/5/type").asText()).isEqualTo("function_call_output");
        assertThat(input.at("/5/output").asText()).contains(PlayedModel.NEEDLE);
    }

    @Test
    void streamSplicesTheContinuationWithConsecutiveIndexesAndSequenceNumbers() throws Exception {
        String body = post(true);
        assertThat(body).contains(PlayedModel.NEEDLE).doesNotContain("headroom_retrieve");
        List<RetrievalIT.Event> events = RetrievalIT.events(body);
        assertThat(events.stream().filter(e -> "response.created".equals(e.name()))).hasSize(1);
        assertThat(events.stream().map(e -> e.data().path("sequence_number").asInt()))
                .containsExactlyElementsOf(IntStream.range(0, events.size()).boxed().toList());
        assertThat(events.stream().filter(e -> "response.output_item.added".equals(e.name())).map(e -> e.data().path("output_index").asInt()))
                .containsExactly(0, 1);
        RetrievalIT.Event completed = events.get(events.size() - 1);
        assertThat(completed.name()).isEqualTo("response.completed");
        JsonNode output = completed.data().at("/response/output");
        assertThat(output).hasSize(2);
        assertThat(output.at("/1/content/0/text").asText()).contains(PlayedModel.NEEDLE);
        assertThat(completed.data().at("/response/usage/total_tokens").asLong()).isEqualTo(280);
        assertThat(upstream.received).hasSize(2);
    }

    @Test
    void mixedStreamKeepsOnlyTheClientsCall() throws Exception {
        model.mixed = true;
        String body = post(true);
        assertThat(body).doesNotContain("headroom_retrieve").contains("call_bash_1");
        List<RetrievalIT.Event> events = RetrievalIT.events(body);
        assertThat(events.stream().map(e -> e.data().path("sequence_number").asInt()))
                .containsExactlyElementsOf(IntStream.range(0, events.size()).boxed().toList());
        assertThat(events.stream().filter(e -> e.data().has("output_index")).map(e -> e.data().path("output_index").asInt()))
                .containsOnly(0, 1);
        assertThat(events.get(events.size() - 1).data().at("/response/output")).hasSize(2);
        assertThat(upstream.received).hasSize(1);
    }
}
