package dev.headroom.compress.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.compress.search.RepoSources;
import dev.headroom.core.CompressionResult;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.retention.Marker;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which reads of source files are outlined, through the engine with the discovered compressors: the newest read of
 * each file stays whole by default; earlier reads and source code that is not a read are outlined; the Read
 * interceptor outlines the newest whole-file read too; {@code codeAware(false)} outlines nothing.
 */
class ReadOutlinesTest {
    static final String PATH = "/repo/headroom-core/src/main/java/dev/headroom/pipeline/CompressionPipeline.java";
    static final String SOURCE = numbered(RepoSources.read("headroom-core/src/main/java/dev/headroom/pipeline/CompressionPipeline.java"));

    /** Claude Code's Read rendering of a file. */
    static String numbered(String source) {
        StringBuilder sb = new StringBuilder();
        String[] lines = source.split("\n");
        for (int i = 0; i < lines.length; i++) {
            sb.append(String.format("%6d\t%s%n", i + 1, lines[i]));
        }
        return sb.toString();
    }

    private int id;

    private void call(ArrayNode messages, String tool, Consumer<ObjectNode> input, String result) {
        String toolId = "toolu_" + (++id);
        ObjectNode use = messages.addObject().put("role", "assistant").putArray("content").addObject();
        use.put("type", "tool_use").put("id", toolId).put("name", tool);
        input.accept(use.putObject("input"));
        ObjectNode res = messages.addObject().put("role", "user").putArray("content").addObject();
        res.put("type", "tool_result").put("tool_use_id", toolId).put("content", result);
    }

    private ArrayNode messages(ObjectNode root) {
        root.put("model", "claude-sonnet-4-5").put("max_tokens", 100);
        ArrayNode messages = root.putArray("messages");
        messages.addObject().put("role", "user").put("content", "how is eligibility decided?");
        return messages;
    }

    private String oneRead(Consumer<ObjectNode> input) {
        ObjectNode root = JsonCodec.mapper().createObjectNode();
        call(messages(root), "Read", input, SOURCE);
        return JsonCodec.write(root);
    }

    private String readTwice() {
        ObjectNode root = JsonCodec.mapper().createObjectNode();
        ArrayNode messages = messages(root);
        call(messages, "Read", in -> in.put("file_path", PATH), SOURCE);
        call(messages, "Read", in -> in.put("file_path", PATH), SOURCE);
        return JsonCodec.write(root);
    }

    private static String output(CompressionResult result, int message) {
        return JsonCodec.parse(result.bytes()).at("/messages/" + message + "/content/0/content").asText();
    }

    @Test
    void keepsTheNewestReadOfASourceFileWhole() {
        CompressionResult result = HeadroomEngine.builder().build().compress(oneRead(in -> in.put("file_path", PATH)));

        assertThat(result.changed()).isFalse();
        assertThat(result.reasonCounts()).containsEntry("latest_read", 1);
    }

    @Test
    void outlinesAnEarlierReadOfTheSameFileAndKeepsTheNewestWhole() {
        CompressionResult result = HeadroomEngine.builder().build().compress(readTwice());

        assertThat(output(result, 2)).contains("headroom_retrieve").hasSizeLessThan(SOURCE.length() / 2);
        assertThat(output(result, 4)).as("the newest read, not a reference to the earlier copy").isEqualTo(SOURCE);
    }

    @Test
    void interceptorOutlinesTheNewestReadWithAMarkerToTheWholeFile() {
        HeadroomEngine engine = HeadroomEngine.builder().interceptToolResults(true).build();
        CompressionResult result = engine.compress(oneRead(in -> in.put("file_path", PATH)));

        String outlined = output(result, 2);
        assertThat(result.transforms()).containsExactly("code:outline-java");
        assertThat(outlined).contains("public final class CompressionPipeline").hasSizeLessThan(SOURCE.length() / 2);
        assertThat(engine.retrieve(Marker.hashesIn(outlined).get(0))).contains(SOURCE);
    }

    @Test
    void interceptorKeepsAReadOfALineRangeWhole() {
        CompressionResult result = HeadroomEngine.builder().interceptToolResults(true).build()
                .compress(oneRead(in -> in.put("file_path", PATH).put("offset", 1).put("limit", 2000)));

        assertThat(result.changed()).isFalse();
        assertThat(result.reasonCounts()).containsEntry("latest_read", 1);
    }

    @Test
    void interceptorKeepsAFileReadAgainWhole() {
        CompressionResult result = HeadroomEngine.builder().interceptToolResults(true).build().compress(readTwice());

        assertThat(output(result, 2)).contains("headroom_retrieve");
        assertThat(output(result, 4)).isEqualTo(SOURCE);
    }

    @Test
    void codeAwareOffOutlinesNoSourceCode() {
        HeadroomEngine engine = HeadroomEngine.builder().codeAware(false).build();
        CompressionResult twice = engine.compress(readTwice());
        CompressionResult intercepted = HeadroomEngine.builder().codeAware(false).interceptToolResults(true).build()
                .compress(oneRead(in -> in.put("file_path", PATH)));

        assertThat(output(twice, 2)).isEqualTo(SOURCE);
        assertThat(twice.reasonCounts()).containsEntry("code_aware_off", 2);
        assertThat(intercepted.changed()).isFalse();
        assertThat(engine.compressText(SOURCE, "Bash", "", "claude-sonnet-4-5").text()).isEqualTo(SOURCE);
    }

    @Test
    void outlinesSourceCodeThatIsNotAFileRead() {
        assertThat(HeadroomEngine.builder().build().compressText(SOURCE, "Bash", "", "claude-sonnet-4-5").report().transform())
                .isEqualTo("code:outline-java");
    }

    @Test
    void rendersTheSameBytesOnEveryRun() {
        String request = readTwice();
        assertThat(HeadroomEngine.builder().build().compress(request).bytes())
                .isEqualTo(HeadroomEngine.builder().build().compress(request).bytes());
    }

    @Test
    void keepsToolInputsAndPairsIntact() {
        JsonNode out = JsonCodec.parse(HeadroomEngine.builder().interceptToolResults(true).build()
                .compress(oneRead(in -> in.put("file_path", PATH))).bytes());
        assertThat(out.at("/messages/1/content/0/input/file_path").asText()).isEqualTo(PATH);
        assertThat(out.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo(out.at("/messages/1/content/0/id").asText());
    }
}
