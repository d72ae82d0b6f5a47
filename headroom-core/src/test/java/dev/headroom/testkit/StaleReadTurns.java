package dev.headroom.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;

/**
 * Two turns of an Anthropic conversation for cache-mode tests: turn 1 reads {@code /repo/pay.py} (plus any extra
 * tool outputs); turn 2 repeats turn 1, edits the file and reads it again, which makes the first read stale.
 */
public final class StaleReadTurns {
    private StaleReadTurns() {
    }

    /** {@code [turn 1, turn 2]}; each of {@code extraOutputs} is one more Bash result in turn 1. */
    public static String[] turns(String... extraOutputs) {
        ObjectNode root = JsonCodec.mapper().createObjectNode().put("model", "claude-sonnet-4-5").put("max_tokens", 100);
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "user").put("content", "add retries");
        int id = 1;
        call(messages, "toolu_" + id++, "Read", numbered("return gateway.charge(order)", 80));
        for (String output : extraOutputs) {
            call(messages, "toolu_" + id++, "Bash", output);
        }
        String turn1 = JsonCodec.write(root);
        call(messages, "toolu_" + id++, "Edit", "The file /repo/pay.py has been updated.");
        call(messages, "toolu_" + id, "Read", numbered("return gateway.charge(order, retries=3)", 80));
        return new String[] {turn1, JsonCodec.write(root)};
    }

    private static void call(ArrayNode messages, String id, String tool, String result) {
        ObjectNode use = messages.addObject().put("role", "assistant").putArray("content").addObject();
        use.put("type", "tool_use").put("id", id).put("name", tool).putObject("input").put("file_path", "/repo/pay.py");
        messages.addObject().put("role", "user").putArray("content").addObject()
                .put("type", "tool_result").put("tool_use_id", id).put("content", result);
    }

    /** {@code n} lines as the Read tool numbers them, each {@code line}. */
    private static String numbered(String line, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append(String.format("%6d\t%s%n", i, line));
        }
        return sb.toString();
    }
}
