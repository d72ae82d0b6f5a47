package dev.headroom.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.core.CompressionResult;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.retention.Marker;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaleReadsTest {
    private static final String FILE_V1 = numbered("def charge(order):\n    return gateway.charge(order.total)\n", 60);
    private static final String FILE_V2 = numbered("def charge(order):\n    return gateway.charge(order.total, retries=3)\n", 60);

    private static final String OTHER = numbered("def refund(order):\n    return gateway.refund(order.id)\n", 60);

    private static String numbered(String body, int repeat) {
        StringBuilder sb = new StringBuilder();
        String[] lines = body.repeat(repeat).split("\n");
        for (int i = 0; i < lines.length; i++) {
            sb.append(String.format("%6d\t%s%n", i + 1, lines[i]));
        }
        return sb.toString();
    }

    private int id;

    private void call(ArrayNode messages, String tool, String path, String result) {
        String toolId = "toolu_" + (++id);
        ObjectNode use = messages.addObject().put("role", "assistant").putArray("content").addObject();
        use.put("type", "tool_use").put("id", toolId).put("name", tool).putObject("input").put("file_path", path);
        ObjectNode res = messages.addObject().put("role", "user").putArray("content").addObject();
        res.put("type", "tool_result").put("tool_use_id", toolId).put("content", result);
    }

    private String conversation() {
        ObjectNode root = JsonCodec.mapper().createObjectNode().put("model", "claude-sonnet-4-5");
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "user").put("content", "add retries to charge");
        call(messages, "Read", "/repo/pay.py", FILE_V1);
        call(messages, "Read", "/repo/other.py", OTHER);
        call(messages, "Edit", "/repo/pay.py", "The file /repo/pay.py has been updated.");
        call(messages, "Edit", "/repo/other.py", "The file /repo/other.py has been updated.");
        call(messages, "Read", "/repo/pay.py", FILE_V2);
        return JsonCodec.write(root);
    }

    @Test
    void replacesReadOfLaterEditedFileAndKeepsLatestRead() {
        HeadroomEngine engine = Headroom.builder().discoverCompressors(false).build();
        CompressionResult result = engine.compress(conversation());
        JsonNode messages = JsonCodec.parse(result.bytes()).get("messages");
        String firstRead = messages.at("/2/content/0/content").asText();
        assertThat(firstRead).startsWith("[stale read of /repo/pay.py");
        assertThat(engine.retrieve(Marker.hashesIn(firstRead).get(0))).contains(FILE_V1);
        assertThat(messages.at("/4/content/0/content").asText()).as("latest read of other.py").isEqualTo(OTHER);
        assertThat(messages.at("/10/content/0/content").asText()).as("latest read of pay.py").isEqualTo(FILE_V2);
        assertThat(result.transforms()).containsExactly("read-lifecycle:stale");
    }

    @Test
    void readLifecycleOffLeavesStaleReadsAsTheyWere() {
        CompressionResult result = Headroom.builder().discoverCompressors(false).readLifecycle(false).build()
                .compress(conversation());
        assertThat(result.changed()).isFalse();
        assertThat(JsonCodec.parse(result.bytes()).at("/messages/2/content/0/content").asText()).isEqualTo(FILE_V1);
    }

    @Test
    void leavesStaleReadsAloneInLosslessMode() {
        CompressionResult result = Headroom.builder().discoverCompressors(false).lossless(true).build().compress(conversation());
        assertThat(result.transforms()).isEmpty();
    }

    @Test
    void leavesTheReadAloneWhenTheStoreFails() {
        dev.headroom.retention.RetentionStore broken = new dev.headroom.retention.RetentionStore() {
            @Override
            public String put(String original) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public java.util.Optional<String> get(String hash) {
                return java.util.Optional.empty();
            }
        };
        String request = conversation();
        CompressionResult result = Headroom.builder().discoverCompressors(false).retentionStore(broken).build().compress(request);
        assertThat(result.changed()).isFalse();
        assertThat(result.json()).isEqualTo(request);
        assertThat(result.reasonCounts()).containsEntry("compressor_failed", 1);
    }

    @Test
    void rendersTheSameNoticeOnEveryTurn() {
        String request = conversation();
        byte[] first = Headroom.builder().discoverCompressors(false).build().compress(request).bytes();
        byte[] second = Headroom.builder().discoverCompressors(false).build().compress(request).bytes();
        assertThat(second).isEqualTo(first);
    }
}
