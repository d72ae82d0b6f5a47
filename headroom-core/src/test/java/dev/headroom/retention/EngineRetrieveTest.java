package dev.headroom.retention;

import dev.headroom.core.CompressionResult;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.pipeline.KeepHeadCompressor;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineRetrieveTest {
    @Test
    void retrievesWhatCompressionRetainedWholeOrByQuery() {
        HeadroomEngine engine = Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor(2)).build();
        String output = "head 1\nhead 2\n" + "filler line\n".repeat(60) + "the NEEDLE line\n" + "filler line\n".repeat(60);
        String request = "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"go\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Bash\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":"
                + JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(output)) + "}]}]}";
        CompressionResult result = engine.compress(request);
        String hash = result.retainedHashes().get(0);
        assertThat(result.json()).contains(hash).doesNotContain("NEEDLE");
        assertThat(engine.retrieve(hash)).contains(output);
        assertThat(engine.retrieve(hash, "needle")).contains("1 of 123 lines match the query \"needle\":\nthe NEEDLE line");
        assertThat(engine.retrieveToolHandler().answer(hash, "")).isEqualTo(output);
    }
}
