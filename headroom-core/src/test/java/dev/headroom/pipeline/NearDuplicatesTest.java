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

class NearDuplicatesTest {
    private int id;

    private static String pods(String ageOfPaymentPod, String paymentStatus) {
        return pods(40, ageOfPaymentPod, paymentStatus);
    }

    private static String pods(int workers, String ageOfPaymentPod, String paymentStatus) {
        StringBuilder sb = new StringBuilder("NAMESPACE   NAME                      READY   STATUS    RESTARTS   AGE\n");
        for (int i = 0; i < workers; i++) {
            sb.append(String.format("shop        worker-%02d-7f98f68489       1/1     Running   0          %dd%n", i, 10 + i));
        }
        sb.append("shop        payment-84bbbfd97f-tr828    1/1     ").append(paymentStatus).append("   3          ")
                .append(ageOfPaymentPod).append('\n');
        return sb.toString();
    }

    private void call(ArrayNode messages, String tool, String result) {
        String toolId = "toolu_" + (++id);
        ObjectNode use = messages.addObject().put("role", "assistant").putArray("content").addObject();
        use.put("type", "tool_use").put("id", toolId).put("name", tool).putObject("input").put("command", "kubectl get pods");
        ObjectNode res = messages.addObject().put("role", "user").putArray("content").addObject();
        res.put("type", "tool_result").put("tool_use_id", toolId).put("content", result);
    }

    private String conversation(String tool1, String first, String tool2, String second) {
        ObjectNode root = JsonCodec.mapper().createObjectNode().put("model", "claude-sonnet-4-5");
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "user").put("content", "why does payment restart?");
        call(messages, tool1, first);
        call(messages, tool2, second);
        return JsonCodec.write(root);
    }

    private static String output(CompressionResult result, int message) {
        JsonNode root = JsonCodec.parse(result.bytes());
        return root.at("/messages/" + message + "/content/0/content").asText();
    }

    @Test
    void rendersRepeatedOutputOfTheSameToolAsTheLinesThatChanged() {
        HeadroomEngine engine = Headroom.builder().discoverCompressors(false).build();
        String later = pods("5m", "CrashLoopBackOff");
        CompressionResult result = engine.compress(conversation("kubectl", pods("2m", "Running"), "kubectl", later));

        String delta = output(result, 4);
        assertThat(delta).startsWith("[same as the output of tool call toolu_1 above")
                .contains("+ 42: shop        payment-84bbbfd97f-tr828    1/1     CrashLoopBackOff   3          5m")
                .contains("- 42: shop        payment-84bbbfd97f-tr828    1/1     Running   3          2m")
                .doesNotContain("worker-07");
        assertThat(engine.retrieve(Marker.hashesIn(delta).get(0))).contains(later);
        assertThat(output(result, 2)).as("the earlier output stays whole").isEqualTo(pods("2m", "Running"));
        assertThat(result.transforms()).containsExactly("dedup:near-duplicate");
    }

    @Test
    void leavesOutputsOfDifferentToolsAlone() {
        HeadroomEngine engine = Headroom.builder().discoverCompressors(false).build();
        CompressionResult result = engine.compress(conversation("kubectl", pods("2m", "Running"), "bash",
                pods("5m", "CrashLoopBackOff")));
        assertThat(result.changed()).isFalse();
    }

    @Test
    void rendersACompressedRepeatAsADeltaOfTheCompressedRenderings() {
        HeadroomEngine engine = Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor(5)).build();
        String later = pods("5m", "CrashLoopBackOff");
        CompressionResult result = engine.compress(conversation("kubectl", pods("2m", "Running"), "kubectl", later));

        // Both renderings keep the same first five lines; only the omitted tail differs.
        assertThat(output(result, 2)).contains("worker-03").contains("headroom_retrieve");
        String repeat = output(result, 4);
        assertThat(repeat).startsWith("[same lines as the output of tool call toolu_1 above")
                .doesNotContain("worker-03");
        assertThat(Marker.hashesIn(repeat)).hasSize(1);
        assertThat(engine.retrieve(Marker.hashesIn(repeat).get(0))).contains(later);
        assertThat(result.transforms()).containsExactly("keep-head:lines", "dedup:near-duplicate");
    }

    @Test
    void keepsTheCompressedRenderingInLosslessMode() {
        HeadroomEngine engine = Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor(5))
                .lossless(true).build();
        CompressionResult result = engine.compress(conversation("kubectl", pods("2m", "Running"), "kubectl",
                pods("5m", "CrashLoopBackOff")));
        assertThat(result.transforms()).doesNotContain("dedup:near-duplicate");
    }

    @Test
    void showsAChangedOmissionCountOfACompressedRepeat() {
        HeadroomEngine engine = Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor(5)).build();
        String later = pods(60, "5m", "Running");
        CompressionResult result = engine.compress(conversation("kubectl", pods(40, "2m", "Running"), "kubectl", later));

        String repeat = output(result, 4);
        assertThat(repeat).startsWith("[same as the output of tool call toolu_1 above, except these lines")
                .contains("- 6: [headroom: 38 of 43 lines omitted; headroom_retrieve hash=")
                .contains("+ 6: [headroom: 58 of 63 lines omitted; headroom_retrieve hash=");
        assertThat(Marker.hashesIn(repeat)).as("the later marker is among the changed lines, not repeated").hasSize(2);
        assertThat(engine.retrieve(Marker.hashesIn(repeat).get(1))).contains(later);
    }
}
