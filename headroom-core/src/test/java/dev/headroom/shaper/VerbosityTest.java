package dev.headroom.shaper;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.WireFormat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The verbosity instruction per wire format: appended last, exactly once, every earlier byte as the client sent it. */
class VerbosityTest {
    private static final OutputShaper SHAPER = new OutputShaper(new OutputShaperSettings(true, 2, false, "low"));
    private static final String L2 = Verbosity.instruction(2);
    private static final String BLOCK = "{\"type\":\"text\",\"text\":\"" + L2 + "\"}";

    private static String shape(OutputShaper shaper, String body, WireFormat format) {
        return new String(shaper.shape(body.getBytes(StandardCharsets.UTF_8), format).bytes(), StandardCharsets.UTF_8);
    }

    private static String shape(String body, WireFormat format) {
        return shape(SHAPER, body, format);
    }

    @Test
    void anthropicSystemBlocksGetTheInstructionAfterTheLastBlockAndEveryCacheBreakpoint() {
        String system = "\"system\":[{\"type\":\"text\",\"text\":\"You are Claude Code.\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}},"
                + "{\"type\":\"text\",\"text\":\"Project rules.\",\"cache_control\":{\"type\":\"ephemeral\"}}";
        String rest = "],\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"fix it\",\"cache_control\":{\"type\":\"ephemeral\"}}]}],\"temperature\":1.10}";
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024," + system + rest;

        String out = shape(body, WireFormat.ANTHROPIC_MESSAGES);

        String prefix = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024," + system;
        assertThat(out).isEqualTo(prefix + "," + BLOCK + rest);
        assertThat(out).as("the cached prefix, byte for byte").startsWith(prefix);
        assertThat(out.split("cache_control", -1)).as("no breakpoint added").hasSize(4);
    }

    @Test
    void anthropicStringSystemBecomesTwoBlocksTheClientsTextFirst() {
        String body = "{\"model\":\"m\",\"system\":\"Be helpful.\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        JsonNode out = JsonCodec.parse(shape(body, WireFormat.ANTHROPIC_MESSAGES));

        assertThat(out.path("system")).hasSize(2);
        assertThat(JsonCodec.write(out.path("system").get(0))).isEqualTo("{\"type\":\"text\",\"text\":\"Be helpful.\"}");
        assertThat(JsonCodec.write(out.path("system").get(1))).isEqualTo(BLOCK);
        assertThat(JsonCodec.write(out.path("messages"))).isEqualTo("[{\"role\":\"user\",\"content\":\"hi\"}]");
    }

    @Test
    void anthropicWithoutSystemGetsOneBlock() {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        assertThat(shape(body, WireFormat.ANTHROPIC_MESSAGES))
                .isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"system\":[" + BLOCK + "]}");
    }

    @Test
    void anthropicRequestThatAlreadyCarriesTheInstructionIsForwardedAsItsOwnBytes() {
        byte[] once = shape("{\"model\":\"m\",\"system\":\"Be helpful.\",\"messages\":[]}", WireFormat.ANTHROPIC_MESSAGES)
                .getBytes(StandardCharsets.UTF_8);

        OutputShaper.Shaped again = SHAPER.shape(once, WireFormat.ANTHROPIC_MESSAGES);

        assertThat(again.bytes()).isSameAs(once);
        assertThat(again.transforms()).isEmpty();
        assertThat(new String(once, StandardCharsets.UTF_8).split(java.util.regex.Pattern.quote(L2), -1)).hasSize(2);
    }

    @Test
    void anInstructionOfAnotherLevelAlreadyThereIsNotJoinedByASecond() {
        String body = "{\"model\":\"m\",\"system\":[{\"type\":\"text\",\"text\":\"" + Verbosity.instruction(4) + "\"}],\"messages\":[]}";

        assertThat(SHAPER.shape(body.getBytes(StandardCharsets.UTF_8), WireFormat.ANTHROPIC_MESSAGES).changed()).isFalse();
    }

    @Test
    void chatGetsATrailingSystemMessageAfterEveryEarlierByte() {
        String head = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"Be helpful.\"},{\"role\":\"user\",\"content\":\"hi\"}";
        String body = head + "],\"stream\":true}";

        String out = shape(body, WireFormat.OPENAI_CHAT);

        assertThat(out).isEqualTo(head + ",{\"role\":\"system\",\"content\":\"" + L2 + "\"}],\"stream\":true}");
        assertThat(shape(out, WireFormat.OPENAI_CHAT)).as("idempotent").isEqualTo(out);
    }

    @Test
    void chatUsesTheDeveloperRoleWhenTheClientDoes() {
        String body = "{\"model\":\"o3\",\"messages\":[{\"role\":\"developer\",\"content\":[{\"type\":\"text\",\"text\":\"Rules.\"}]},"
                + "{\"role\":\"user\",\"content\":\"hi\"}]}";

        JsonNode out = JsonCodec.parse(shape(body, WireFormat.OPENAI_CHAT));

        assertThat(out.at("/messages/2/role").asText()).isEqualTo("developer");
        assertThat(out.at("/messages/2/content").asText()).isEqualTo(L2);
    }

    @Test
    void responsesInstructionsGetTheInstructionAsASuffix() {
        String body = "{\"model\":\"gpt-5\",\"instructions\":\"You are Codex.\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}]}";

        String out = shape(body, WireFormat.OPENAI_RESPONSES);

        assertThat(out).isEqualTo("{\"model\":\"gpt-5\",\"instructions\":\"You are Codex.\\n\\n" + L2
                + "\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(shape(out, WireFormat.OPENAI_RESPONSES)).as("idempotent").isEqualTo(out);
    }

    @Test
    void responsesWithoutInstructionsGetTheInstructionAlone() {
        String body = "{\"model\":\"gpt-5\",\"input\":\"hi\"}";

        assertThat(shape(body, WireFormat.OPENAI_RESPONSES)).isEqualTo("{\"model\":\"gpt-5\",\"input\":\"hi\",\"instructions\":\"" + L2 + "\"}");
    }

    @Test
    void eachLevelHasItsOwnInstructionAndTransformName() {
        for (int level = 1; level <= Verbosity.MAX_LEVEL; level++) {
            OutputShaper shaper = new OutputShaper(new OutputShaperSettings(true, level, false, "low"));
            OutputShaper.Shaped shaped = shaper.shape("{\"model\":\"m\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8),
                    WireFormat.ANTHROPIC_MESSAGES);
            assertThat(shaped.transforms()).containsExactly("output_shaper:verbosity:L" + level);
            assertThat(new String(shaped.bytes(), StandardCharsets.UTF_8)).contains(Verbosity.instruction(level));
        }
        assertThat(Verbosity.instruction(1)).isNotEqualTo(Verbosity.instruction(2));
        assertThat(Verbosity.instruction(4).length()).isLessThan(Verbosity.instruction(3).length());
    }

    @Test
    void sameRequestShapesToTheSameBytesEveryTime() {
        String body = "{\"model\":\"m\",\"system\":\"S\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"top_p\":0.90}";
        String first = shape(body, WireFormat.ANTHROPIC_MESSAGES);
        for (int i = 0; i < 20; i++) {
            assertThat(shape(new OutputShaper(new OutputShaperSettings(true, 2, true, "low")), body, WireFormat.ANTHROPIC_MESSAGES))
                    .isEqualTo(first);
        }
        assertThat(first).contains("\"top_p\":0.90");
    }

    @Test
    void nothingChangesWhenTheShaperIsOff() {
        byte[] body = "{\"model\":\"m\",\"system\":\"S\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
        OutputShaper off = new OutputShaper(OutputShaperSettings.off());
        for (WireFormat format : WireFormat.values()) {
            OutputShaper.Shaped shaped = off.shape(body, format);
            assertThat(shaped.bytes()).isSameAs(body);
            assertThat(shaped.changed()).isFalse();
        }
    }

    @Test
    void aSystemOfAnUnknownShapeIsLeftAlone() {
        byte[] body = "{\"model\":\"m\",\"system\":{\"odd\":true},\"messages\":[]}".getBytes(StandardCharsets.UTF_8);

        assertThat(SHAPER.shape(body, WireFormat.ANTHROPIC_MESSAGES).bytes()).isSameAs(body);
    }

    @Test
    void onlyModelRequestsAreShaped() {
        assertThat(OutputShaper.shapes("/v1/messages")).isTrue();
        assertThat(OutputShaper.shapes("/v1/chat/completions")).isTrue();
        assertThat(OutputShaper.shapes("/v1/responses")).isTrue();
        assertThat(OutputShaper.shapes("/v1/messages/count_tokens")).isFalse();
    }
}
