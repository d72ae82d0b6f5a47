package dev.headroom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The request bodies the load benchmark sends, and the Anthropic POST that carries them. */
final class Workloads {
    private Workloads() {
    }

    static byte[] smallRequest() {
        return ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Summarise the last deployment in two sentences and say whether anything needs a rollback. "
                + "Keep it short; the on-call engineer reads it on a phone.\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    /** The small request with {@code "stream":true}: the fake upstream answers it with an event stream. */
    static byte[] streamingRequest() {
        return ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Summarise the last deployment in two sentences and say whether anything needs a rollback.\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static HttpRequest post(URI uri, HttpRequest.BodyPublisher body, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout)
                .header("content-type", "application/json")
                .header("x-api-key", "sk-ant-bench-not-a-key")
                .header("anthropic-version", "2023-06-01")
                .POST(body).build();
    }

    /** Variants of the agent request whose tool outputs are new each time (trailing blanks encode a counter). */
    static final class AgentVariants {
        final ObjectNode template;
        final AtomicInteger seq = new AtomicInteger();

        AgentVariants(String json) {
            template = (ObjectNode) JsonCodec.parse(json.getBytes(StandardCharsets.UTF_8));
        }

        byte[] next(int ignored) {
            int k = seq.incrementAndGet();
            StringBuilder suffix = new StringBuilder("\n");
            for (int bit = 20; bit >= 0; bit--) {
                suffix.append((k >> bit & 1) == 1 ? '\t' : ' ');
            }
            ObjectNode copy = template.deepCopy();
            for (JsonNode m : copy.get("messages")) {
                JsonNode content = m.get("content");
                if (content != null && content.isArray()) {
                    for (JsonNode block : content) {
                        if ("tool_result".equals(block.path("type").asText())) {
                            ((ObjectNode) block).put("content", block.get("content").asText() + suffix);
                        }
                    }
                }
            }
            return JsonCodec.writeBytes(copy);
        }
    }
}
