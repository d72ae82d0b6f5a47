package dev.headroom.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.util.Optional;

/**
 * The top-level {@code "stream"} flag of a JSON request body, read with the streaming parser: nested values are
 * skipped without building strings or a tree, so that asking costs a scan of the bytes, not a copy of them.
 * Reads the flag as {@code JsonNode.path("stream").asBoolean(false)} would (the last of repeated keys wins).
 */
final class StreamFlag {
    private StreamFlag() {
    }

    /** Whether the body asks for a stream; empty when it is not one well-formed JSON object. */
    static Optional<Boolean> of(byte[] body) {
        try (JsonParser p = JsonCodec.mapper().getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            boolean stream = false;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                boolean isStream = "stream".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (isStream) {
                    stream = switch (value) {
                        case VALUE_TRUE -> true;
                        case VALUE_STRING -> p.getText().strip().equals("true");
                        case VALUE_NUMBER_INT -> p.getLongValue() != 0;
                        default -> false;
                    };
                }
                p.skipChildren();
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(stream);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
