package dev.headroom.wire;

import dev.headroom.core.UnknownWireFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatsTest {

    private static WireFormat detect(String json) {
        return WireFormats.detect(JsonCodec.parse(json));
    }

    @Test
    void detectsAnthropicByToolResultBlocks() {
        assertThat(detect("{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":\"r\"}]}]}"))
                .isEqualTo(WireFormat.ANTHROPIC_MESSAGES);
    }

    @Test
    void detectsAnthropicByTopLevelSystem() {
        assertThat(detect("{\"model\":\"gpt-4o\",\"system\":\"s\",\"messages\":[]}")).isEqualTo(WireFormat.ANTHROPIC_MESSAGES);
    }

    @Test
    void detectsOpenAiChatByToolRole() {
        assertThat(detect("{\"model\":\"claude-x\",\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"r\"}]}"))
                .isEqualTo(WireFormat.OPENAI_CHAT);
    }

    @Test
    void detectsResponsesByInput() {
        assertThat(detect("{\"model\":\"gpt-5\",\"input\":\"hi\"}")).isEqualTo(WireFormat.OPENAI_RESPONSES);
    }

    @Test
    void fallsBackToModelNameWhenShapeIsAmbiguous() {
        assertThat(detect("{\"model\":\"claude-opus-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .isEqualTo(WireFormat.ANTHROPIC_MESSAGES);
        assertThat(detect("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .isEqualTo(WireFormat.OPENAI_CHAT);
    }

    @Test
    void rejectsUnknownShapesByName() {
        assertThatThrownBy(() -> detect("[1,2]")).isInstanceOf(UnknownWireFormatException.class).hasMessageContaining("array");
        assertThatThrownBy(() -> detect("{\"prompt\":\"x\"}")).isInstanceOf(UnknownWireFormatException.class)
                .hasMessageContaining("messages");
        assertThatThrownBy(() -> detect("{\"messages\":\"x\"}")).isInstanceOf(UnknownWireFormatException.class);
    }
}
