package dev.headroom.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.WireFormat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiRetrieveToolTest {
    private static final String MARKER = Marker.render("0123456789abcdef01234567", "120 lines omitted");

    private static String request(String tools) {
        return "{\"contents\":[{\"parts\":[{\"functionResponse\":{\"name\":\"run\",\"response\":{\"output\":\"a\\n" + MARKER
                + "\"}}}],\"role\":\"user\"}]" + tools + "}";
    }

    private static JsonNode inject(String json) {
        return JsonCodec.parse(RetrieveTool.injectIfMarked(json.getBytes(StandardCharsets.UTF_8), WireFormat.GEMINI));
    }

    @Test
    void appendsAfterTheClientsDeclarations() {
        JsonNode out = inject(request(",\"tools\":[{\"googleSearch\":{}},{\"functionDeclarations\":[{\"name\":\"run\"}]}]"));
        assertThat(out.path("tools")).hasSize(2);
        assertThat(out.at("/tools/0")).isEqualTo(JsonCodec.parse("{\"googleSearch\":{}}"));
        assertThat(out.at("/tools/1/functionDeclarations/0/name").asText()).isEqualTo("run");
        assertThat(out.at("/tools/1/functionDeclarations/1/name").asText()).isEqualTo(Marker.TOOL_NAME);
        assertThat(out.at("/tools/1/functionDeclarations/1/parameters")).isEqualTo(RetrieveTool.inputSchema());
    }

    @Test
    void aRequestWithoutToolsGetsThemBeforeItsContents() {
        String out = new String(RetrieveTool.injectIfMarked(request("").getBytes(StandardCharsets.UTF_8), WireFormat.GEMINI),
                StandardCharsets.UTF_8);
        assertThat(out).startsWith("{\"tools\":[{\"functionDeclarations\":[{\"name\":\"headroom_retrieve\"");
        assertThat(JsonCodec.parse(out).path("contents")).hasSize(1);
    }

    @Test
    void isInjectedOnceAndByteStable() {
        byte[] once = RetrieveTool.injectIfMarked(request(",\"tools\":[{\"codeExecution\":{}}]").getBytes(StandardCharsets.UTF_8), WireFormat.GEMINI);
        byte[] again = RetrieveTool.injectIfMarked(request(",\"tools\":[{\"codeExecution\":{}}]").getBytes(StandardCharsets.UTF_8), WireFormat.GEMINI);
        assertThat(once).isEqualTo(again);
        assertThat(RetrieveTool.injectIfMarked(once, WireFormat.GEMINI)).isSameAs(once);
        assertThat(JsonCodec.parse(once).at("/tools/1/functionDeclarations/0/name").asText()).isEqualTo(Marker.TOOL_NAME);
    }

    @Test
    void withoutAMarkerNothingIsInjected() {
        byte[] plain = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}],\"role\":\"user\"}]}".getBytes(StandardCharsets.UTF_8);
        assertThat(RetrieveTool.injectIfMarked(plain, WireFormat.GEMINI)).isSameAs(plain);
    }
}
