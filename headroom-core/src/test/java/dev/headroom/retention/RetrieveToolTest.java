package dev.headroom.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.WireFormat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RetrieveToolTest {
    private static final String MARKER = Marker.render(ContentHash.of("x"), "3 of 9 lines omitted");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void leavesRequestsWithoutAMarkerAsTheSameBytes() {
        byte[] body = bytes("{\"model\":\"m\", \"messages\":[]}");
        assertThat(RetrieveTool.injectIfMarked(body, WireFormat.ANTHROPIC_MESSAGES)).isSameAs(body);
    }

    @Test
    void appendsTheAnthropicToolAfterTheClientsToolsWithoutACacheBreakpoint() {
        String request = "{\"model\":\"m\",\"tools\":[{\"name\":\"Bash\",\"input_schema\":{},\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + MARKER + "\"}]}";
        JsonNode out = JsonCodec.parse(RetrieveTool.injectIfMarked(bytes(request), WireFormat.ANTHROPIC_MESSAGES));
        assertThat(out.path("tools")).hasSize(2);
        assertThat(out.at("/tools/1/name").asText()).isEqualTo("headroom_retrieve");
        assertThat(out.at("/tools/1/input_schema/required/0").asText()).isEqualTo("hash");
        assertThat(out.at("/tools/1").has("cache_control")).isFalse();
        assertThat(JsonCodec.write(out).split("cache_control", -1)).hasSize(2);
    }

    @Test
    void createsToolsInOpenAiShapesAndIsByteStable() {
        String chat = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"" + MARKER + "\"}]}";
        byte[] once = RetrieveTool.injectIfMarked(bytes(chat), WireFormat.OPENAI_CHAT);
        byte[] twice = RetrieveTool.injectIfMarked(bytes(chat), WireFormat.OPENAI_CHAT);
        assertThat(once).isEqualTo(twice);
        JsonNode out = JsonCodec.parse(once);
        assertThat(out.at("/tools/0/type").asText()).isEqualTo("function");
        assertThat(out.at("/tools/0/function/name").asText()).isEqualTo("headroom_retrieve");

        String responses = "{\"model\":\"gpt-5\",\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"" + MARKER + "\"}]}";
        JsonNode r = JsonCodec.parse(RetrieveTool.injectIfMarked(bytes(responses), WireFormat.OPENAI_RESPONSES));
        assertThat(r.at("/tools/0/name").asText()).isEqualTo("headroom_retrieve");
        assertThat(r.at("/tools/0/strict").asBoolean(true)).isFalse();
    }

    @Test
    void doesNotInjectTwice() {
        byte[] once = RetrieveTool.injectIfMarked(bytes("{\"messages\":[{\"role\":\"user\",\"content\":\"" + MARKER + "\"}]}"),
                WireFormat.ANTHROPIC_MESSAGES);
        assertThat(RetrieveTool.injectIfMarked(once, WireFormat.ANTHROPIC_MESSAGES)).isSameAs(once);
    }
}
