package dev.headroom.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.headroom.core.MalformedRequestException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes request JSON so that nothing but the compressed strings changes: numbers keep their
 * exact value and scale ({@code 1.10} stays {@code 1.10}, 20-digit integers stay exact), object keys keep
 * their order, and output is compact.
 */
public final class JsonCodec {
    /** Deepest nesting accepted; deeper input is rejected instead of risking a stack overflow. */
    public static final int MAX_NESTING_DEPTH = 512;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(Integer.MAX_VALUE)
                            .maxNumberLength(10_000)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private JsonCodec() {
    }

    /** The shared mapper, configured for exact numbers. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses JSON bytes (UTF-8), turning every failure into a {@link MalformedRequestException}. */
    public static JsonNode parse(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new MalformedRequestException("request body is empty", null);
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new MalformedRequestException("request JSON exceeds a limit: " + firstLine(e), e);
        } catch (JsonProcessingException e) {
            throw new MalformedRequestException("request is not valid JSON: " + firstLine(e), e);
        } catch (IOException e) {
            throw new MalformedRequestException("request could not be read: " + firstLine(e), e);
        }
    }

    /** Parses a JSON string. */
    public static JsonNode parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Compact JSON text of {@code node}. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Compact JSON bytes (UTF-8) of {@code node}. */
    public static byte[] writeBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        String location = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                ? " (line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr() + ")"
                : "";
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return (line.length() > 200 ? line.substring(0, 200) + "…" : line) + location;
    }
}
