package dev.headroom.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.CompressionResult;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.testkit.ToolCallRequests;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protected tools are matched by the name of the tool call each output answers, in every wire format, without
 * regard to case; outputs of other tools are compressed as usual.
 */
class ProtectedToolsTest {
    static final String BASH_OUTPUT = "2026-11-26T10:00:00Z INFO bash step served status=200\n".repeat(120);
    static final String GREP_OUTPUT = "2026-11-26T10:00:00Z INFO grep step served status=200\n".repeat(120);

    private static String anthropic() {
        return ToolCallRequests.anthropic("Bash", BASH_OUTPUT, "Grep", GREP_OUTPUT);
    }

    private static String chat() {
        return ToolCallRequests.chat("Bash", BASH_OUTPUT, "Grep", GREP_OUTPUT);
    }

    private static String responses() {
        return ToolCallRequests.responses("Bash", BASH_OUTPUT, "Grep", GREP_OUTPUT);
    }

    private static HeadroomEngine engine(String... protect) {
        return Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor()).protectTools(protect).build();
    }

    @Test
    void protectsTheNamedToolAndCompressesTheOtherInAnthropicMessages() {
        JsonNode out = JsonCodec.parse(engine("Bash").compress(anthropic()).bytes());
        assertThat(out.at("/messages/2/content/0/content").asText()).isEqualTo(BASH_OUTPUT);
        assertThat(out.at("/messages/2/content/1/content").asText()).isNotEqualTo(GREP_OUTPUT).contains("headroom_retrieve");
    }

    @Test
    void protectsTheNamedToolAndCompressesTheOtherInOpenAiChat() {
        JsonNode out = JsonCodec.parse(engine("Bash").compress(chat()).bytes());
        assertThat(out.at("/messages/2/content").asText()).isEqualTo(BASH_OUTPUT);
        assertThat(out.at("/messages/3/content").asText()).isNotEqualTo(GREP_OUTPUT).contains("headroom_retrieve");
    }

    @Test
    void protectsTheNamedToolAndCompressesTheOtherInOpenAiResponses() {
        JsonNode out = JsonCodec.parse(engine("Bash").compress(responses()).bytes());
        assertThat(out.at("/input/3/output").asText()).isEqualTo(BASH_OUTPUT);
        assertThat(out.at("/input/4/output").asText()).isNotEqualTo(GREP_OUTPUT).contains("headroom_retrieve");
    }

    @Test
    void matchesToolNamesWithoutRegardToCase() {
        CompressionResult result = engine("bash", "GREP").compress(anthropic());
        assertThat(result.changed()).isFalse();
        assertThat(result.reasonCounts()).containsEntry("protected_tool", 2);
    }

    @Test
    void protectingAllToolsLeavesEveryOutputAlone() {
        CompressionResult result = Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor())
                .protectAllToolResults(true).build().compress(responses());
        assertThat(result.changed()).isFalse();
    }
}
