package dev.headroom.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.gateway.translate.ChatAnswerToAnthropic;
import dev.headroom.spi.Backend;
import dev.headroom.wire.JsonCodec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Serves the Anthropic Messages routes from Amazon Bedrock ({@code --backend bedrock}): the (already compressed)
 * Anthropic body goes to {@code POST {base}/model/{modelId}/invoke} — {@code /invoke-with-response-stream}
 * when it asks to stream — without {@code model} and {@code stream}, with
 * {@code anthropic_version: bedrock-2023-05-31} and the client's {@code anthropic-beta} header as
 * {@code anthropic_beta}; the model id comes from {@link Backend#upstreamModel} (inference profiles) and the
 * request is signed by {@link Backend#signedHeaders} (SigV4). A whole answer is Anthropic's body already; the
 * binary event stream is decoded into Anthropic events ({@link BedrockEventsToSse}); an error answer
 * ({@code {"message":…}}) becomes Anthropic's envelope with the same status. The client's credentials are never
 * forwarded. {@code count_tokens} is answered here, as for translated backends.
 */
final class BedrockUpstream implements UpstreamSend {
    static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";

    private final UpstreamCaller caller;
    private final Backend backend;
    private final URI base;
    private final String path;

    BedrockUpstream(UpstreamCaller caller, Backend backend, URI base, String path) {
        this.caller = caller;
        this.backend = backend;
        this.base = base;
        this.path = path;
    }

    @Override
    public UpstreamCaller.Exchange send(String method, URI ignored, Headers headers, byte[] body)
            throws UpstreamFailure, InterruptedException {
        MessagesIntake intake = MessagesIntake.read(caller, backend.name(), method, path, body);
        if (intake.answer() != null) {
            return intake.answer();
        }
        ObjectNode request = intake.request();
        boolean stream = request.path("stream").asBoolean(false);
        String modelId = backend.upstreamModel(request.path("model").asText(""));
        byte[] invoke = JsonCodec.writeBytes(invokeBody(request, headers));
        URI uri = backend.upstreamUri(base, "/model/" + URLEncoder.encode(modelId, StandardCharsets.UTF_8).replace("+", "%20")
                + (stream ? "/invoke-with-response-stream" : "/invoke"), "");
        Map<String, String> unsigned = new LinkedHashMap<>();
        unsigned.put("Content-Type", "application/json");
        unsigned.put("Accept", stream ? "application/vnd.amazon.eventstream" : "application/json");
        Map<String, String> signed;
        try {
            signed = backend.signedHeaders("POST", uri, unsigned, invoke);
        } catch (IllegalStateException e) {
            return local(401, ChatAnswerToAnthropic.envelope("authentication_error", e.getMessage()));
        }
        Headers.Builder upstreamHeaders = Headers.builder();
        unsigned.forEach(upstreamHeaders::set);
        signed.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                upstreamHeaders.set(name, value);
            }
        });
        UpstreamCaller.Exchange answer = caller.send("POST", uri, upstreamHeaders.build(), invoke);
        return translate(answer);
    }

    /** The Bedrock body: Anthropic's, less {@code model} and {@code stream}, with Bedrock's version and the betas. */
    static ObjectNode invokeBody(ObjectNode request, Headers clientHeaders) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("anthropic_version", request.path("anthropic_version").asText(ANTHROPIC_VERSION));
        ArrayNode betas = JsonNodeFactory.instance.arrayNode();
        for (String header : clientHeaders.all("anthropic-beta")) {
            for (String beta : header.split(",")) {
                if (!beta.isBlank()) {
                    betas.add(beta.strip());
                }
            }
        }
        if (!betas.isEmpty() && !request.has("anthropic_beta")) {
            out.set("anthropic_beta", betas);
        }
        request.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("model") && !e.getKey().equals("stream") && !e.getKey().equals("anthropic_version")) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    private UpstreamCaller.Exchange translate(UpstreamCaller.Exchange answer) {
        Headers.Builder headers = answer.headers().toBuilder().remove("content-type").remove("content-length");
        String type = answer.headers().first("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (answer.status() == 200 && type.startsWith("application/vnd.amazon.eventstream")) {
            return caller.new Exchange(answer, 200, headers.set("content-type", "text/event-stream; charset=utf-8").build(),
                    new BedrockEventsToSse(answer.body()));
        }
        headers.set("content-type", "application/json");
        if (answer.status() == 200) {
            return caller.new Exchange(answer, 200, headers.build(), answer.body()); // Anthropic's message as it is
        }
        byte[] bytes;
        try {
            bytes = answer.body().readAllBytes();
        } catch (IOException e) {
            bytes = new byte[0];
        }
        ObjectNode error = ChatAnswerToAnthropic.error(answer.status(), bytes);
        return caller.new Exchange(answer, answer.status(), headers.build(), new ByteArrayInputStream(JsonCodec.writeBytes(error)));
    }

    private UpstreamCaller.Exchange local(int status, ObjectNode body) {
        return MessagesIntake.local(caller, status, body);
    }
}
