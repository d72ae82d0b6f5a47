package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.gateway.translate.ChatAnswerToAnthropic;
import dev.headroom.tokens.JtokkitTokenCounter;
import dev.headroom.wire.JsonCodec;

import java.io.ByteArrayInputStream;

/**
 * What the upstreams that translate Anthropic Messages requests ({@link ChatTranslatingUpstream},
 * {@link BedrockUpstream}) check before translating: the route is {@code POST /v1/messages} or its
 * {@code count_tokens}, and the body is a JSON object. Wrong routes get a 404 and bad bodies a 400 in
 * Anthropic's envelope; {@code count_tokens} is answered here with a {@code cl100k_base} estimate, since
 * neither upstream has such an endpoint.
 *
 * @param request the request to translate, when {@code answer} is null
 * @param answer  the answer given here instead of calling the upstream
 */
record MessagesIntake(ObjectNode request, UpstreamCaller.Exchange answer) {

    static MessagesIntake read(UpstreamCaller caller, String backendName, String method, String path, byte[] body) {
        boolean countTokens = path.equals("/v1/messages/count_tokens");
        if (!method.equals("POST") || !(path.equals("/v1/messages") || countTokens)) {
            return answered(local(caller, 404, ChatAnswerToAnthropic.envelope("not_found_error", method + " " + path
                    + " is not served by backend " + backendName + " (it serves POST /v1/messages and count_tokens)")));
        }
        JsonNode request;
        try {
            request = JsonCodec.parse(body);
        } catch (RuntimeException e) {
            return answered(local(caller, 400, ChatAnswerToAnthropic.envelope("invalid_request_error",
                    "request body is not valid JSON")));
        }
        if (!(request instanceof ObjectNode object)) {
            return answered(local(caller, 400, ChatAnswerToAnthropic.envelope("invalid_request_error",
                    "request body is not a JSON object")));
        }
        if (countTokens) {
            return answered(local(caller, 200, JsonNodeFactory.instance.objectNode().put("input_tokens", count(object))));
        }
        return new MessagesIntake(object, null);
    }

    /** A JSON answer made here, without the upstream. */
    static UpstreamCaller.Exchange local(UpstreamCaller caller, int status, ObjectNode body) {
        return caller.new Exchange(null, status, Headers.builder().add("content-type", "application/json").build(),
                new ByteArrayInputStream(JsonCodec.writeBytes(body)));
    }

    /** An estimate of a request's input tokens: its JSON without model, max_tokens and stream, in cl100k_base. */
    static long count(JsonNode request) {
        ObjectNode counted = request.deepCopy() instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        counted.remove("model");
        counted.remove("max_tokens");
        counted.remove("stream");
        return JtokkitTokenCounter.forModel(request.path("model").asText("")).count(JsonCodec.write(counted));
    }

    private static MessagesIntake answered(UpstreamCaller.Exchange answer) {
        return new MessagesIntake(null, answer);
    }
}
