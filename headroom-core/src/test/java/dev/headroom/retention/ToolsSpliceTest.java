package dev.headroom.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.WireFormat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ToolsSpliceTest {
    private static final String MARKER = Marker.render("0123456789abcdef01234567", "412 of 500 lines omitted");

    /** {@code json} as JsonCodec writes it, so that both paths start from the engine's own bytes. */
    private static byte[] written(String json) {
        return JsonCodec.writeBytes(JsonCodec.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static void splicesAsTheTreeDoes(String json, WireFormat format) {
        byte[] request = written(json);
        byte[] tree = RetrieveTool.injectIfMarked(request, format, false);
        byte[] spliced = RetrieveTool.injectIfMarked(request, format, true);
        assertThat(new String(spliced, StandardCharsets.UTF_8)).isEqualTo(new String(tree, StandardCharsets.UTF_8));
        assertThat(spliced == request).isEqualTo(tree == request);
    }

    /** As above, and the splice itself answered (the tree was not the fallback). */
    private static void splicedWithoutTheTree(String json, WireFormat format) {
        assertThat(ToolsSplice.append(written(json), JsonCodec.writeBytes(RetrieveTool.definition(format)))).isNotNull();
        splicesAsTheTreeDoes(json, format);
    }

    private static String anthropic(String toolsField) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024," + toolsField + "\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"log " + MARKER + "\"}]}],"
                + "\"stream\":true}";
    }

    @Test
    void appendsToAnExistingToolsArrayAsTheTreeDoes() {
        splicedWithoutTheTree(anthropic("\"tools\":[{\"name\":\"Bash\",\"input_schema\":{\"type\":\"object\"}}],"),
                WireFormat.ANTHROPIC_MESSAGES);
        splicedWithoutTheTree(anthropic("\"tools\":[],"), WireFormat.ANTHROPIC_MESSAGES);
    }

    @Test
    void createsToolsJustBeforeTheConversationAsTheTreeDoes() {
        splicedWithoutTheTree(anthropic(""), WireFormat.ANTHROPIC_MESSAGES);
        splicedWithoutTheTree("{\"model\":\"gpt-5\",\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c1\","
                + "\"output\":\"" + MARKER + "\"}],\"instructions\":\"be brief\"}", WireFormat.OPENAI_RESPONSES);
        splicedWithoutTheTree("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\""
                + MARKER + "\"}]}", WireFormat.OPENAI_CHAT);
    }

    @Test
    void leavesARequestThatDefinesTheToolAlreadyAsItIs() {
        byte[] request = written(anthropic("\"tools\":[{\"name\":\"headroom_retrieve\",\"input_schema\":{}}],"));
        assertThat(RetrieveTool.injectIfMarked(request, WireFormat.ANTHROPIC_MESSAGES, true)).isSameAs(request);
    }

    @Test
    void leavesShapesOnlyTheTreeCanTellToTheTree() {
        splicesAsTheTreeDoes(anthropic("\"tools\":null,"), WireFormat.ANTHROPIC_MESSAGES);
        splicesAsTheTreeDoes(anthropic("\"tools\":{\"name\":\"x\"},"), WireFormat.ANTHROPIC_MESSAGES);
        splicesAsTheTreeDoes("{\"model\":\"gpt-4\",\"functions\":[],\"messages\":[{\"role\":\"user\",\"content\":\""
                + MARKER + "\"}]}", WireFormat.OPENAI_CHAT);
        splicesAsTheTreeDoes("{\"model\":\"m\",\"prompt\":\"" + MARKER + "\"}", WireFormat.ANTHROPIC_MESSAGES);
        assertThat(ToolsSplice.append("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8), new byte[] {'{', '}'})).isNull();
        assertThat(ToolsSplice.append("[1]".getBytes(StandardCharsets.UTF_8), new byte[] {'{', '}'})).isNull();
    }

    @Test
    void theSplicedRequestIsValidJsonWithTheToolLast() {
        byte[] spliced = RetrieveTool.injectIfMarked(written(anthropic("\"tools\":[{\"name\":\"Bash\"}],")),
                WireFormat.ANTHROPIC_MESSAGES, true);
        JsonNode tools = JsonCodec.parse(spliced).get("tools");
        assertThat(tools).hasSize(2);
        assertThat(tools.get(1).get("name").asText()).isEqualTo(Marker.TOOL_NAME);
    }
}
