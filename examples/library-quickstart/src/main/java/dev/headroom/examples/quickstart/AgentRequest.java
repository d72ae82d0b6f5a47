package dev.headroom.examples.quickstart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;

/** Builds a realistic Anthropic Messages request of a coding agent investigating a service. */
final class AgentRequest {
    private AgentRequest() {
    }

    static String withServiceLog(int lines) {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int second = i % 60;
            int minute = i / 60;
            String time = String.format("2026-11-26T09:%02d:%02d.%03dZ", minute, second, (i * 37) % 1000);
            if (i == lines * 2 / 3) {
                log.append(time).append(" ERROR payment-service charge failed: card_declined for order 88231 (upstream 502)\n");
            } else if (i % 10 == 0) {
                log.append(time).append(" INFO  payment-service GET /healthz 200 ").append(2 + i % 5).append("ms\n");
            } else {
                log.append(time).append(" INFO  payment-service POST /v1/charges 201 ").append(40 + i % 23)
                        .append("ms order=").append(88000 + i).append('\n');
            }
        }
        ObjectNode root = JsonCodec.mapper().createObjectNode();
        root.put("model", "claude-sonnet-4-5");
        root.put("max_tokens", 1024);
        root.put("system", "You are an SRE agent. Use tools to investigate.");
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "user").put("content", "Why are payments failing since 09:06?");
        ObjectNode call = messages.addObject().put("role", "assistant").putArray("content").addObject();
        call.put("type", "tool_use").put("id", "toolu_01").put("name", "Bash");
        call.putObject("input").put("command", "kubectl logs deploy/payment-service --since=1h");
        ObjectNode result = messages.addObject().put("role", "user").putArray("content").addObject();
        result.put("type", "tool_result").put("tool_use_id", "toolu_01").put("content", log.toString());
        return JsonCodec.write(root);
    }
}
