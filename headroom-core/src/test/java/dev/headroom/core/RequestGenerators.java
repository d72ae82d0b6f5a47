package dev.headroom.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** jqwik generators of Anthropic and OpenAI requests with tool outputs, unknown fields, unicode and huge numbers. */
final class RequestGenerators {
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private RequestGenerators() {
    }

    static Arbitrary<String> toolText() {
        Arbitrary<String> line = Arbitraries.strings().withCharRange(' ', '~').withChars("é漢字🙂\t").ofMinLength(0).ofMaxLength(90);
        Arbitrary<String> logLines = line.list().ofMinSize(1).ofMaxSize(120).map(l -> String.join("\n", l));
        Arbitrary<String> repeated = Arbitraries.integers().between(10, 300)
                .map(n -> "2026-11-26T10:00:00Z INFO served /health in 3ms\n".repeat(n));
        Arbitrary<String> json = Arbitraries.integers().between(1, 80).map(n -> {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"v\":1.10,\"big\":123456789012345678901234}");
            }
            return sb.append(']').toString();
        });
        return Arbitraries.oneOf(logLines, repeated, json, Arbitraries.just(""));
    }

    private static ObjectNode unknownFields(ObjectNode node, int seed) {
        node.put("x_unknown_" + seed, new BigDecimal("1.10"));
        node.put("x_big_" + seed, new BigInteger("98765432109876543210987"));
        node.putObject("x_obj_" + seed).put("nested", "ünïcødé " + seed);
        return node;
    }

    static Arbitrary<ObjectNode> anthropicRequest() {
        Arbitrary<List<String>> texts = toolText().list().ofMinSize(1).ofMaxSize(5);
        Arbitrary<List<Boolean>> blockForm = Arbitraries.of(true, false).list().ofSize(5);
        return Combinators.combine(texts, blockForm, Arbitraries.of(true, false)).as((outputs, blocks, unknown) -> {
            ObjectNode root = F.objectNode();
            root.put("model", "claude-sonnet-4-5");
            root.put("max_tokens", 1024);
            root.put("system", "You are a coding agent.");
            ArrayNode messages = root.putArray("messages");
            messages.addObject().put("role", "user").put("content", "please investigate 🙂");
            for (int i = 0; i < outputs.size(); i++) {
                ObjectNode assistant = messages.addObject().put("role", "assistant");
                ArrayNode content = assistant.putArray("content");
                content.addObject().put("type", "text").put("text", "step " + i);
                ObjectNode use = content.addObject().put("type", "tool_use").put("id", "toolu_" + i).put("name", "Bash");
                use.putObject("input").put("command", "cat log" + i).put("limit", new BigDecimal("0.1000000000000000055511151231257827"));
                ObjectNode user = messages.addObject().put("role", "user");
                ObjectNode result = user.putArray("content").addObject().put("type", "tool_result").put("tool_use_id", "toolu_" + i);
                if (blocks.get(i)) {
                    ArrayNode parts = result.putArray("content");
                    parts.addObject().put("type", "text").put("text", outputs.get(i));
                    parts.addObject().put("type", "x_future_block").put("data", "keep me");
                } else {
                    result.put("content", outputs.get(i));
                }
                if (i == outputs.size() - 1) {
                    result.putObject("cache_control").put("type", "ephemeral");
                }
                if (unknown) {
                    unknownFields(result, i);
                }
            }
            if (unknown) {
                unknownFields(root, 99);
            }
            return root;
        });
    }

    static Arbitrary<ObjectNode> openAiChatRequest() {
        return toolText().list().ofMinSize(1).ofMaxSize(5).map(outputs -> {
            ObjectNode root = F.objectNode();
            root.put("model", "gpt-4o");
            ArrayNode messages = root.putArray("messages");
            messages.addObject().put("role", "developer").put("content", "rules");
            messages.addObject().put("role", "user").put("content", "what failed?");
            for (int i = 0; i < outputs.size(); i++) {
                ObjectNode assistant = messages.addObject().put("role", "assistant");
                assistant.putNull("content");
                ObjectNode call = assistant.putArray("tool_calls").addObject().put("id", "call_" + i).put("type", "function");
                call.putObject("function").put("name", "shell").put("arguments", "{\"cmd\":\"make\"}");
                messages.addObject().put("role", "tool").put("tool_call_id", "call_" + i).put("content", outputs.get(i));
            }
            unknownFields(root, 7);
            return root;
        });
    }
}
