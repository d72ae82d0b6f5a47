package dev.headroom.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.pipeline.KeepHeadCompressor;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.RequestView;
import dev.headroom.wire.ToolOutput;
import dev.headroom.wire.WireFormats;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Structure, protection, savings and determinism hold for every generated request. */
class HeadroomPropertiesTest {
    private static final HeadroomEngine ENGINE = engine();

    private static HeadroomEngine engine() {
        return Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor(3)).build();
    }

    @Provide
    Arbitrary<ObjectNode> anthropic() {
        return RequestGenerators.anthropicRequest();
    }

    @Provide
    Arbitrary<ObjectNode> openai() {
        return RequestGenerators.openAiChatRequest();
    }

    @Property(tries = 150, seed = "20261126")
    void anthropicRequestsKeepStructureAndNeverGrow(@ForAll("anthropic") ObjectNode request) {
        checkInvariants(request);
    }

    @Property(tries = 150, seed = "20261127")
    void openAiRequestsKeepStructureAndNeverGrow(@ForAll("openai") ObjectNode request) {
        checkInvariants(request);
    }

    private static void checkInvariants(ObjectNode request) {
        byte[] in = JsonCodec.writeBytes(request);
        CompressionResult result = ENGINE.compress(in, CompressOptions.DEFAULT);
        JsonNode out = JsonCodec.parse(result.bytes());

        assertThat(WireFormats.detect(out)).isEqualTo(WireFormats.detect(request));
        assertThat(result.tokensAfter()).isLessThanOrEqualTo(result.tokensBefore());
        // Everything but the text of tool outputs is identical: roles, order, ids, unknown fields, numbers.
        assertThat(blankToolOutputs(out)).isEqualTo(blankToolOutputs(request.deepCopy()));
        // Non-empty stays non-empty.
        List<ToolOutput> before = RequestView.of(request, result.format()).toolOutputs();
        List<ToolOutput> after = RequestView.of(out, result.format()).toolOutputs();
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).text().isEmpty()).isEqualTo(before.get(i).text().isEmpty());
            assertThat(after.get(i).toolCallId()).isEqualTo(before.get(i).toolCallId());
        }
        if (!result.changed()) {
            assertThat(result.bytes()).isEqualTo(in);
        }
        assertThat(engine().compress(in, CompressOptions.DEFAULT).bytes()).isEqualTo(result.bytes());
    }

    private static JsonNode blankToolOutputs(JsonNode root) {
        JsonNode copy = root.deepCopy();
        RequestView.of(copy, WireFormats.detect(copy)).toolOutputs().forEach(o -> o.replace(""));
        return copy;
    }
}
