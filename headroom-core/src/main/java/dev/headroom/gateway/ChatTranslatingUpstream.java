package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.gateway.translate.AnthropicToChat;
import dev.headroom.gateway.translate.ChatAnswerToAnthropic;
import dev.headroom.spi.Backend;
import dev.headroom.wire.JsonCodec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Serves the Anthropic Messages routes from an OpenAI-compatible upstream: the (already compressed) Anthropic
 * body is translated into a Chat Completions request ({@link AnthropicToChat}), sent with the backend's
 * credentials instead of the client's, and the answer comes back as an Anthropic exchange — whole answers,
 * event streams and errors translated — so the gateway relays, meters and serves retrieval on it as on any
 * Anthropic answer. {@code count_tokens} is answered here (Chat has no such endpoint) with a
 * {@code cl100k_base} count of the request; other paths get a 404 in Anthropic's envelope.
 */
final class ChatTranslatingUpstream implements UpstreamSend {
    private static final String CHAT_PATH = "/v1/chat/completions";

    private final UpstreamCaller caller;
    private final Backend backend;
    private final URI base;
    private final Function<String, String> env;
    private final String path;

    ChatTranslatingUpstream(UpstreamCaller caller, Backend backend, URI base, Function<String, String> env, String path) {
        this.caller = caller;
        this.backend = backend;
        this.base = base;
        this.env = env;
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
        Map<String, String> credentials = backend.credentialHeaders(env);
        if (credentials.isEmpty() && backend.credentialsRequired()) {
            return local(401, ChatAnswerToAnthropic.envelope("authentication_error", "backend " + backend.name()
                    + " needs " + String.join(" or ", backend.credentialVariables()) + " set in the proxy's environment"));
        }
        String clientModel = request.path("model").asText("");
        boolean stream = request.path("stream").asBoolean(false);
        byte[] chat = JsonCodec.writeBytes(AnthropicToChat.request(request, backend::upstreamModel));
        URI uri = backend.upstreamUri(base, CHAT_PATH, "");
        UpstreamCaller.Exchange answer = caller.send("POST", uri, upstreamHeaders(headers, credentials, stream), chat);
        return translate(answer, clientModel);
    }

    /** The client's headers without its Anthropic credentials and {@code anthropic-*} headers, plus the backend's. */
    static Headers upstreamHeaders(Headers client, Map<String, String> credentials, boolean stream) {
        Headers.Builder b = Headers.builder();
        client.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("x-api-key") && !lower.equals("authorization") && !lower.startsWith("anthropic-")
                    && !lower.equals("content-type") && !lower.equals("accept")) {
                b.add(name, value);
            }
        });
        b.set("Content-Type", "application/json");
        b.set("Accept", stream ? "text/event-stream" : "application/json");
        credentials.forEach(b::set);
        return b.build();
    }

    private UpstreamCaller.Exchange translate(UpstreamCaller.Exchange answer, String clientModel) {
        Headers.Builder headers = answer.headers().toBuilder().remove("content-type").remove("content-length");
        if (answer.status() == 200 && answer.eventStream()) {
            return caller.new Exchange(answer, 200, headers.set("content-type", "text/event-stream; charset=utf-8").build(),
                    new TranslatedEventStream(answer.body(), clientModel));
        }
        headers.set("content-type", "application/json");
        byte[] bytes;
        try {
            bytes = answer.body().readAllBytes();
        } catch (IOException e) {
            return derived(answer, headers, 502, ChatAnswerToAnthropic.envelope("api_error", "upstream response was cut off"));
        }
        if (answer.status() != 200) {
            return derived(answer, headers, answer.status(), ChatAnswerToAnthropic.error(answer.status(), bytes));
        }
        JsonNode json;
        try {
            json = JsonCodec.parse(bytes);
        } catch (RuntimeException e) {
            json = null;
        }
        if (json != null && json.path("error").isObject() && !json.has("choices")) {
            // OpenRouter reports some failures as a 200 with an error body; the code is the HTTP status meant
            int code = json.path("error").path("code").asInt(502);
            int status = code >= 400 && code <= 599 ? code : 502;
            return derived(answer, headers, status, ChatAnswerToAnthropic.error(status, bytes));
        }
        if (json == null || !json.path("choices").isArray()) {
            return derived(answer, headers, 502, ChatAnswerToAnthropic.envelope("api_error",
                    "upstream answered 200 with a body that is not a chat completion"));
        }
        return derived(answer, headers, 200, ChatAnswerToAnthropic.answer(json, clientModel));
    }

    private UpstreamCaller.Exchange derived(UpstreamCaller.Exchange source, Headers.Builder headers, int status, ObjectNode body) {
        return caller.new Exchange(source, status, headers.build(), new ByteArrayInputStream(JsonCodec.writeBytes(body)));
    }

    private UpstreamCaller.Exchange local(int status, ObjectNode body) {
        return MessagesIntake.local(caller, status, body);
    }
}
