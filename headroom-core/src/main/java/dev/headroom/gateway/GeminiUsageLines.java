package dev.headroom.gateway;

import dev.headroom.spi.Usage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemini's {@code usageMetadata} counts read line by line from a stream on the side: an SSE {@code data:} line
 * holds a whole chunk, the JSON-array stream spreads a chunk over indented lines, and both carry counts as
 * {@code "promptTokenCount": N}. Each chunk's {@code usageMetadata} is a snapshot and the last one is final
 * (earlier chunks may even report a larger prompt count), so the latest value of each count wins. A count
 * inside a JSON string (the model's text) has escaped quotes and does not match.
 */
final class GeminiUsageLines {
    private static final Pattern COUNT = Pattern.compile(
            "(?<!\\\\)\"(promptTokenCount|candidatesTokenCount|cachedContentTokenCount|thoughtsTokenCount)\"\\s*:\\s*(\\d{1,18})");

    private long prompt;
    private long candidates;
    private long cached;
    private long thoughts;
    private boolean seen;

    /** Reads the counts in one line; true when it had any. */
    boolean onLine(String line) {
        if (!line.contains("TokenCount\"")) {
            return false;
        }
        boolean found = false;
        Matcher m = COUNT.matcher(line);
        while (m.find()) {
            long n = Long.parseLong(m.group(2));
            switch (m.group(1)) {
                case "promptTokenCount" -> prompt = n;
                case "candidatesTokenCount" -> candidates = n;
                case "cachedContentTokenCount" -> cached = n;
                default -> thoughts = n;
            }
            found = true;
        }
        seen |= found;
        return found;
    }

    boolean seen() {
        return seen;
    }

    Usage usage() {
        return GeminiBackend.usage(prompt, candidates + thoughts, cached);
    }
}
