package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.retention.InMemoryRetentionStore;
import dev.headroom.retention.Marker;
import dev.headroom.retention.RetrieveToolHandler;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicStreamRewriterTest {
    private final InMemoryRetentionStore store = new InMemoryRetentionStore();
    private final String hash = store.put("the original\nwith NEEDLE\n");
    private final String request = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
            + Marker.render(hash, "2 lines omitted") + "\"}]}";

    private static String event(String json) {
        return "event: " + JsonCodec.parse(json).path("type").asText() + "\ndata: " + json + "\n\n";
    }

    private String round(String hashArg) {
        return event("{\"type\":\"message_start\",\"message\":{\"id\":\"m1\",\"content\":[],\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}")
                + event("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}")
                + event("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"need the rest\"}}")
                + event("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig==\"}}")
                + event("{\"type\":\"content_block_stop\",\"index\":0}")
                + event("{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_r\",\"name\":\"headroom_retrieve\",\"input\":{}}}")
                + event("{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"hash\\\":\\\"" + hashArg + "\\\",\"}}")
                + event("{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"query\\\":\\\"needle\\\"}\"}}")
                + event("{\"type\":\"content_block_stop\",\"index\":1}")
                + event("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":12}}")
                + event("{\"type\":\"message_stop\"}");
    }

    private AnthropicStreamRewriter rewriter() {
        ForwardedRequest forwarded = new ForwardedRequest(request.getBytes(StandardCharsets.UTF_8));
        return new AnthropicStreamRewriter(forwarded, ServedTools.retrieve(new RetrieveToolHandler(store, forwarded::issued)));
    }

    @Test
    void continuesWithThinkingSignatureAndParsedInputAndWithholdsTheRetrieveBlock() throws Exception {
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        Optional<byte[]> next = rewriter().relayRound(new SseEventReader(new ByteArrayInputStream(round(hash).getBytes(StandardCharsets.UTF_8))),
                new SseOutput(client), true);
        String sent = client.toString(StandardCharsets.UTF_8);
        assertThat(sent).contains("message_start").contains("need the rest").doesNotContain("headroom_retrieve")
                .doesNotContain("message_delta").doesNotContain("message_stop");
        JsonNode continued = JsonCodec.parse(next.orElseThrow());
        JsonNode assistant = continued.at("/messages/1");
        assertThat(assistant.at("/content/0/thinking").asText()).isEqualTo("need the rest");
        assertThat(assistant.at("/content/0/signature").asText()).isEqualTo("sig==");
        assertThat(assistant.at("/content/1/input/query").asText()).isEqualTo("needle");
        JsonNode result = continued.at("/messages/2/content/0");
        assertThat(result.path("tool_use_id").asText()).isEqualTo("toolu_r");
        assertThat(result.path("content").asText()).isEqualTo("1 of 2 lines match the query \"needle\":\nwith NEEDLE");
        assertThat(result.has("is_error")).isFalse();
    }

    @Test
    void endsTheTurnWhenNoMoreRoundsAreAllowed() throws Exception {
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        Optional<byte[]> next = rewriter().relayRound(new SseEventReader(new ByteArrayInputStream(round(hash).getBytes(StandardCharsets.UTF_8))),
                new SseOutput(client), false);
        assertThat(next).isEmpty();
        String sent = client.toString(StandardCharsets.UTF_8);
        assertThat(sent).contains("\"stop_reason\":\"end_turn\"").endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
                .doesNotContain("headroom_retrieve");
    }

    @Test
    void redeemsOnlyHashesOfTheForwardedRequest() throws Exception {
        String foreign = store.put("not in this request");
        Optional<byte[]> next = rewriter().relayRound(new SseEventReader(new ByteArrayInputStream(round(foreign).getBytes(StandardCharsets.UTF_8))),
                new SseOutput(new ByteArrayOutputStream()), true);
        JsonNode result = JsonCodec.parse(next.orElseThrow()).at("/messages/2/content/0");
        assertThat(result.path("is_error").asBoolean()).isTrue();
        assertThat(result.path("content").asText()).contains("unknown or expired");
    }
}
