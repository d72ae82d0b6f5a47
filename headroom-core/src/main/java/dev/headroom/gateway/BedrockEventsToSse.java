package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.gateway.translate.ChatAnswerToAnthropic;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Bedrock's binary response stream read as Anthropic server-sent events: each {@code chunk} event carries an
 * Anthropic stream event as base64 {@code bytes}, which becomes {@code event: TYPE\ndata: JSON\n\n} with the
 * decoded JSON as Bedrock sent it; an {@code exception} message ({@code throttlingException},
 * {@code modelStreamErrorException}, …) becomes Anthropic's {@code error} event and ends the stream. A framing
 * or checksum failure surfaces as an {@link IOException}, so the gateway ends the client stream with its error
 * event.
 */
final class BedrockEventsToSse extends PieceByPieceStream {
    private final AwsEventStream reader;

    BedrockEventsToSse(InputStream upstream) {
        super(upstream);
        this.reader = new AwsEventStream(upstream);
    }

    @Override
    protected byte[] nextPiece() throws IOException {
        AwsEventStream.Message message = reader.next();
        if (message == null) {
            end();
            return new byte[0];
        }
        String kind = message.header(":message-type");
        if ("exception".equals(kind) || "error".equals(kind)) {
            end();
            String type = message.header("exception".equals(kind) ? ":exception-type" : ":error-code");
            String text = new String(message.payload(), StandardCharsets.UTF_8);
            String description;
            try {
                description = JsonCodec.parse(message.payload()).path("message").asText(text);
            } catch (RuntimeException e) {
                description = text.isBlank() ? String.valueOf(type) : text;
            }
            return event("error", JsonCodec.write(ChatAnswerToAnthropic.envelope(errorType(type), description)));
        }
        if (!"chunk".equals(message.header(":event-type"))) {
            return new byte[0]; // other event types carry nothing for the client
        }
        JsonNode chunk;
        byte[] event;
        try {
            chunk = JsonCodec.parse(message.payload());
            event = Base64.getDecoder().decode(chunk.path("bytes").asText(""));
        } catch (RuntimeException e) {
            throw new IOException("a Bedrock chunk that is not base64 JSON", e);
        }
        String type;
        try {
            type = JsonCodec.parse(event).path("type").asText("");
        } catch (RuntimeException e) {
            throw new IOException("a Bedrock chunk whose bytes are not an Anthropic event", e);
        }
        return event(type, new String(event, StandardCharsets.UTF_8));
    }

    /** Anthropic's error type for a Bedrock exception type. */
    static String errorType(String exceptionType) {
        String t = exceptionType == null ? "" : exceptionType.toLowerCase(Locale.ROOT);
        if (t.startsWith("throttling")) {
            return "rate_limit_error";
        }
        if (t.startsWith("validation")) {
            return "invalid_request_error";
        }
        if (t.startsWith("serviceunavailable")) {
            return "overloaded_error";
        }
        if (t.startsWith("modeltimeout")) {
            return "timeout_error";
        }
        if (t.startsWith("accessdenied")) {
            return "permission_error";
        }
        return "api_error";
    }

    private static byte[] event(String name, String json) {
        return ("event: " + name + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
