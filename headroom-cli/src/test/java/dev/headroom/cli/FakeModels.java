package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A fake Anthropic and OpenAI upstream for real agent CLIs: {@code /v1/messages} answers one text turn (an SSE
 * stream when asked to stream, else one message), {@code count_tokens} a count, {@code /v1/responses} one
 * Responses event stream with the same text; everything is recorded.
 */
final class FakeModels implements AutoCloseable {
    final RecordingUpstream upstream;
    private final String text;

    FakeModels(String text) throws IOException {
        this.text = text;
        upstream = new RecordingUpstream();
        upstream.respondWith(this::answer);
    }

    String url() {
        return upstream.baseUrl().toString();
    }

    long requests(String pathPrefix) {
        return upstream.received.stream().filter(r -> r.pathAndQuery().startsWith(pathPrefix)).count();
    }

    private void answer(HttpExchange ex, RecordingUpstream.Received r) throws IOException {
        String path = r.pathAndQuery();
        if (!r.method().equals("POST")) {
            RecordingUpstream.json(ex, 200, "{\"data\":[]}");
            return;
        }
        if (path.startsWith("/v1/messages/count_tokens")) {
            RecordingUpstream.json(ex, 200, "{\"input_tokens\":42}");
            return;
        }
        JsonNode request = JsonCodec.parse(r.body());
        String model = request.path("model").asText("model");
        if (path.startsWith("/v1/messages")) {
            if (request.path("stream").asBoolean()) {
                sse(ex, event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"model\":" + str(model) + ",\"content\":[],\"stop_reason\":null,"
                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}")
                        + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                        + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":" + str(text) + "}}")
                        + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                        + event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":3}}")
                        + event("message_stop", "{\"type\":\"message_stop\"}"));
            } else {
                RecordingUpstream.json(ex, 200, "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":" + str(model)
                        + ",\"content\":[{\"type\":\"text\",\"text\":" + str(text) + "}],\"stop_reason\":\"end_turn\","
                        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":3}}");
            }
            return;
        }
        if (path.startsWith("/v1/responses")) {
            String item = "{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\",\"role\":\"assistant\","
                    + "\"content\":[{\"type\":\"output_text\",\"text\":" + str(text) + ",\"annotations\":[]}]}";
            String started = "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"in_progress\",\"model\":" + str(model) + ",\"output\":[]}";
            String done = "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"model\":" + str(model)
                    + ",\"output\":[" + item + "],\"usage\":{\"input_tokens\":10,\"input_tokens_details\":{\"cached_tokens\":0},"
                    + "\"output_tokens\":3,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":13}}";
            sse(ex, event("response.created", "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":" + started + "}")
                    + event("response.output_item.added", "{\"type\":\"response.output_item.added\",\"sequence_number\":1,\"output_index\":0,"
                    + "\"item\":{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}")
                    + event("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"sequence_number\":2,\"item_id\":\"msg_1\","
                    + "\"output_index\":0,\"content_index\":0,\"delta\":" + str(text) + "}")
                    + event("response.output_item.done", "{\"type\":\"response.output_item.done\",\"sequence_number\":3,\"output_index\":0,\"item\":" + item + "}")
                    + event("response.completed", "{\"type\":\"response.completed\",\"sequence_number\":4,\"response\":" + done + "}"));
            return;
        }
        RecordingUpstream.json(ex, 404, "{\"error\":{\"message\":\"not here\"}}");
    }

    private static String str(String s) {
        ObjectNode o = JsonCodec.mapper().createObjectNode().put("s", s);
        String json = JsonCodec.write(o);
        return json.substring(5, json.length() - 1);
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static void sse(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        upstream.close();
    }
}
