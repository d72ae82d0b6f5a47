package dev.headroom.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.core.CompressionResult;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.retention.Marker;
import dev.headroom.testkit.Corpus;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaleEditPreviewsTest {
    private static final String PATH = "/testbed/src/fields.py";
    private int id;

    private static String view(int total, int from, int lines, String changed) {
        StringBuilder sb = new StringBuilder("[File: " + PATH + " (" + total + " lines total)]\r\n");
        sb.append("(").append(from - 1).append(" more lines above)\r\n");
        for (int n = from; n < from + lines; n++) {
            sb.append(n).append(":        value = compute(base_unit, ").append(n).append(")\r\n");
        }
        sb.append(from + lines).append(":").append(changed).append("\r\n");
        sb.append("(").append(total - from - lines).append(" more lines below)");
        return sb.toString();
    }

    private static String failedEdit(int lines) {
        return "Your proposed edit has introduced new syntax error(s). Please read this error message carefully.\r\n\r\n"
                + "ERRORS:\r\n\r\n- E999 IndentationError: unexpected indent\r\n"
                + "This is how your edit would have looked if applied\r\n------------------------------------------------\r\n"
                + view(1998, 1459, lines, "  return int(round(x))") + "\r\n------------------------------------------------\r\n\r\n"
                + "This is the original code before your edit\r\n------------------------------------------------\r\n"
                + view(1997, 1457, lines, "        return int(x)") + "\r\n------------------------------------------------\r\n\r\n"
                + "Your changes have NOT been applied. Please fix your edit command and try again.";
    }

    private void call(ArrayNode messages, String tool, String command, String result) {
        String toolId = "toolu_" + (++id);
        ObjectNode use = messages.addObject().put("role", "assistant").putArray("content").addObject();
        use.put("type", "tool_use").put("id", toolId).put("name", tool).putObject("input").put("command", command);
        ObjectNode res = messages.addObject().put("role", "user").putArray("content").addObject();
        res.put("type", "tool_result").put("tool_use_id", toolId).put("content", result);
    }

    private String conversation(String failed, boolean fixedLater) {
        ObjectNode root = JsonCodec.mapper().createObjectNode().put("model", "gpt-4");
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "user").put("content", "fix the rounding of TimeDelta");
        call(messages, "edit", "edit 'return int(x)' 'return int(round(x))'", failed);
        if (fixedLater) {
            call(messages, "edit", "edit 'return int(x)' '        return int(round(x))'",
                    "Text replaced. Please review the changes.\r\n" + view(1998, 1459, 100, "        return int(round(x))"));
        }
        return JsonCodec.write(root);
    }

    private static String output(CompressionResult result, int message) {
        JsonNode root = JsonCodec.parse(result.bytes());
        return root.at("/messages/" + message + "/content/0/content").asText();
    }

    @Test
    void replacesTheViewsOfAFailedEditOnceTheFileWasChangedAndKeepsTheError() {
        HeadroomEngine engine = Headroom.builder().discoverCompressors(false).build();
        String failed = failedEdit(120);
        CompressionResult result = engine.compress(conversation(failed, true));

        String rewritten = output(result, 2);
        assertThat(rewritten).contains("- E999 IndentationError: unexpected indent")
                .contains("[stale view of " + PATH + ", lines 1459-1579: the file was changed after this edit attempt]\r\n")
                .contains("[stale view of " + PATH + ", lines 1457-1577: the file was changed after this edit attempt]")
                .contains("Your changes have NOT been applied.")
                .doesNotContain("compute(base_unit");
        assertThat(engine.retrieve(Marker.hashesIn(rewritten).get(0))).contains(failed);
        assertThat(output(result, 4)).as("the latest view of the file").contains("1500:        value = compute(base_unit, 1500)");
        assertThat(result.transforms()).containsExactly("read-lifecycle:stale");
    }

    @Test
    void readLifecycleOffLeavesTheViewsOfAFailedEditAsTheyWere() {
        String failed = failedEdit(120);
        CompressionResult result = Headroom.builder().discoverCompressors(false).readLifecycle(false).build()
                .compress(conversation(failed, true));
        assertThat(result.changed()).isFalse();
        assertThat(output(result, 2)).isEqualTo(failed);
    }

    @Test
    void leavesAFailedEditAloneWhileItsFileWasNotChangedSince() {
        CompressionResult result = Headroom.builder().discoverCompressors(false).build()
                .compress(conversation(failedEdit(120), false));
        assertThat(result.changed()).isFalse();
    }

    @Test
    void leavesAShortFailedEditAloneBecauseItIsAnErrorReport() {
        String shortFailure = failedEdit(10);
        assertThat(shortFailure.length()).isLessThan(ErrorOutputs.MAX_CHARS);
        CompressionResult result = Headroom.builder().discoverCompressors(false).build()
                .compress(conversation(shortFailure, true));
        assertThat(output(result, 2)).isEqualTo(shortFailure);
    }

    @Test
    void keepsTheLinterErrorOfTheRealSweAgentRunVisible() {
        String request = Corpus.read("conversations/swe-agent-marshmallow-1867.json");
        CompressionResult result = Headroom.builder().discoverCompressors(false).build().compress(request);
        String rewritten = output(result, 14);
        assertThat(rewritten).contains("E999 IndentationError: unexpected indent")
                .contains("[stale view of /testbed/src/marshmallow/fields.py, lines 1459-1558");
        assertThat(result.tokensAfter()).isLessThan(result.tokensBefore() * 7 / 10);
    }
}
