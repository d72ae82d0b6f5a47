package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.spi.Usage;
import dev.headroom.wire.JsonCodec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads usage out of a server-sent event stream on the side, as bytes pass through: Anthropic's
 * {@code message_start} and {@code message_delta}, OpenAI Chat's final chunk, Responses'
 * {@code response.completed}, Gemini's {@code usageMetadata} ({@link GeminiUsageLines}). Only {@code data:} lines that mention usage are parsed.
 */
final class SseUsageTap {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private long input;
    private long output;
    private long cacheRead;
    private long cacheWrite;
    /** OpenAI's cached prompt tokens, which its input count includes (Anthropic's does not). */
    private long detailsCached;
    /** Gemini's {@code usageMetadata}, in SSE chunks or the lines of its JSON-array stream. */
    private final GeminiUsageLines gemini = new GeminiUsageLines();

    void accept(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                onLine();
                line.reset();
            } else if (line.size() < 1 << 20) {
                line.write(b);
            }
        }
    }

    Usage usage() {
        if (gemini.seen()) {
            return gemini.usage();
        }
        // as OpenAiBackend.usageFromResponse: input tokens at the normal rate exclude the cached ones
        return new Usage(Math.max(0, input - detailsCached), output, cacheRead, cacheWrite);
    }

    private void onLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        if (gemini.onLine(text)) {
            return;
        }
        if (!text.startsWith("data:") || !text.contains("\"usage\"")) {
            return;
        }
        JsonNode event;
        try {
            event = JsonCodec.parse(text.substring(5).strip());
        } catch (RuntimeException e) {
            return;
        }
        JsonNode usage = event.has("usage") ? event.get("usage")
                : event.path("message").has("usage") ? event.path("message").get("usage")
                : event.path("response").path("usage");
        if (!usage.isObject()) {
            return;
        }
        input = max(input, usage, "input_tokens", "prompt_tokens");
        output = max(output, usage, "output_tokens", "completion_tokens");
        cacheRead = max(cacheRead, usage, "cache_read_input_tokens", null);
        cacheWrite = max(cacheWrite, usage, "cache_creation_input_tokens", null);
        long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(
                usage.path("input_tokens_details").path("cached_tokens").asLong(0));
        cacheRead = Math.max(cacheRead, cached);
        detailsCached = Math.max(detailsCached, cached);
    }

    private static long max(long current, JsonNode usage, String name, String alternative) {
        long value = usage.path(name).asLong(alternative == null ? 0 : usage.path(alternative).asLong(0));
        return Math.max(current, value);
    }
}
