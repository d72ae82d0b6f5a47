package dev.headroom.compress.retrieve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.core.CompressOptions;
import dev.headroom.core.CompressionResult;
import dev.headroom.core.Headroom;
import dev.headroom.retention.RetrieveTool;
import dev.headroom.testkit.Corpus;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.WireFormat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every corpus tool output, compressed as a request of each wire format, gets the retrieve tool with the same bytes
 * whether it is spliced into the engine's output or added to a parsed tree.
 */
class RetrieveToolSpliceCorpusTest {

    @Test
    void splicingTheToolIntoCompressedCorpusRequestsGivesTheTreesBytes() {
        int injected = 0;
        for (String folder : List.of("build", "html", "json", "logs", "markdown")) {
            for (String file : Corpus.files(folder)) {
                String text = Corpus.read(file);
                for (WireFormat format : List.of(WireFormat.ANTHROPIC_MESSAGES, WireFormat.OPENAI_CHAT, WireFormat.OPENAI_RESPONSES)) {
                    CompressionResult r = Headroom.builder().build()
                            .compress(request(format, text, file.startsWith("json")), CompressOptions.DEFAULT.withFormat(format));
                    if (!r.changed()) {
                        continue;
                    }
                    byte[] compressed = r.bytes();
                    byte[] tree = RetrieveTool.injectIfMarked(compressed, format, false);
                    byte[] spliced = RetrieveTool.injectIfMarked(compressed, format, true);
                    assertThat(new String(spliced, StandardCharsets.UTF_8)).as(file + " " + format)
                            .isEqualTo(new String(tree, StandardCharsets.UTF_8));
                    if (tree != compressed) {
                        injected++;
                    }
                }
            }
        }
        assertThat(injected).as("requests that got the tool").isGreaterThan(20);
    }

    /** A request whose last turn answers a tool call with {@code text}; every other Anthropic one has tools already. */
    private static byte[] request(WireFormat format, String text, boolean withTools) {
        ObjectNode root = JsonCodec.mapper().createObjectNode();
        root.put("model", format == WireFormat.ANTHROPIC_MESSAGES ? "claude-sonnet-4-5" : "gpt-5");
        if (withTools) {
            ArrayNode tools = root.putArray("tools");
            tools.addObject().put("name", "Bash").put("description", "runs a command");
        }
        List<ObjectNode> turns = new ArrayList<>();
        ObjectNode question = JsonCodec.mapper().createObjectNode().put("role", "user").put("content", "What went wrong here?");
        turns.add(question);
        switch (format) {
            case ANTHROPIC_MESSAGES -> {
                ObjectNode use = JsonCodec.mapper().createObjectNode().put("role", "assistant");
                use.putArray("content").addObject().put("type", "tool_use").put("id", "t1").put("name", "Bash").putObject("input");
                ObjectNode result = JsonCodec.mapper().createObjectNode().put("role", "user");
                result.putArray("content").addObject().put("type", "tool_result").put("tool_use_id", "t1").put("content", text);
                turns.add(use);
                turns.add(result);
            }
            case OPENAI_CHAT -> {
                ObjectNode call = JsonCodec.mapper().createObjectNode().put("role", "assistant");
                call.putArray("tool_calls").addObject().put("id", "c1").put("type", "function").putObject("function")
                        .put("name", "bash").put("arguments", "{}");
                turns.add(call);
                turns.add(JsonCodec.mapper().createObjectNode().put("role", "tool").put("tool_call_id", "c1").put("content", text));
            }
            default -> {
                turns.clear();
                turns.add(JsonCodec.mapper().createObjectNode().put("role", "user").put("content", "What went wrong here?"));
                turns.add(JsonCodec.mapper().createObjectNode().put("type", "function_call").put("call_id", "c1")
                        .put("name", "bash").put("arguments", "{}"));
                turns.add(JsonCodec.mapper().createObjectNode().put("type", "function_call_output").put("call_id", "c1")
                        .put("output", text));
            }
        }
        ArrayNode conversation = root.putArray(format == WireFormat.OPENAI_RESPONSES ? "input" : "messages");
        turns.forEach(conversation::add);
        return JsonCodec.writeBytes(root);
    }
}
