package dev.headroom.shaper;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.spi.RequestRecord;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.WireFormat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputHoldoutTest {
    private static final String QUESTION = "{\"model\":\"claude-sonnet-4-5\",\"system\":\"Be brief.\","
            + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"fix the build\"}]}]}";
    private static final String CONTINUATION = "{\"model\":\"claude-sonnet-4-5\",\"system\":\"Be brief.\",\"messages\":["
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"fix the build\"}]},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Bash\",\"input\":{}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"BUILD SUCCESS\"}]}]}";
    private static final String ERROR = CONTINUATION.replace("\"tool_use_id\":\"t1\",", "\"tool_use_id\":\"t1\",\"is_error\":true,");

    private static JsonNode json(String s) {
        return JsonCodec.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void positionIsSha256OfModelAndFirstUserTextAndStable() {
        double p = OutputHoldout.position("claude-sonnet-4-5", "fix the build");
        assertThat(p).isBetween(0.0, 1.0).isEqualTo(OutputHoldout.position("claude-sonnet-4-5", "fix the build"));
        assertThat(OutputHoldout.position("claude-opus-4-5", "fix the build")).isNotEqualTo(p);
        assertThat(OutputHoldout.position("claude-sonnet-4-5", "fix the build!")).isNotEqualTo(p);
        // empty model and text: SHA-256 of one NUL byte, 6e340b9cffb37a98..., its top 53 bits as a fraction of 2^53
        assertThat(OutputHoldout.position("", "")).isEqualTo((0x6e340b9cffb37a98L >>> 11) * 0x1.0p-53);
    }

    @Test
    void everyTurnOfAConversationKeepsItsArmAndGetsItsOwnTurnKind() {
        OutputHoldout all = new OutputHoldout(1);
        OutputHoldout none = new OutputHoldout(0);
        assertThat(all.assign(json(QUESTION), WireFormat.ANTHROPIC_MESSAGES))
                .isEqualTo(new RequestRecord.Holdout("control", "claude-sonnet", "question"));
        assertThat(all.assign(json(CONTINUATION), WireFormat.ANTHROPIC_MESSAGES))
                .isEqualTo(new RequestRecord.Holdout("control", "claude-sonnet", "tool_continuation"));
        assertThat(all.assign(json(ERROR), WireFormat.ANTHROPIC_MESSAGES))
                .isEqualTo(new RequestRecord.Holdout("control", "claude-sonnet", "error"));
        assertThat(none.assign(json(CONTINUATION), WireFormat.ANTHROPIC_MESSAGES).arm()).isEqualTo("treatment");
        assertThat(none.enabled()).isFalse();

        double p = OutputHoldout.position("claude-sonnet-4-5", "fix the build");
        OutputHoldout justAbove = new OutputHoldout(Math.nextUp(p));
        OutputHoldout justBelow = new OutputHoldout(p);
        for (String turn : new String[] {QUESTION, CONTINUATION, ERROR}) {
            assertThat(justAbove.assign(json(turn), WireFormat.ANTHROPIC_MESSAGES).control()).isTrue();
            assertThat(justBelow.assign(json(turn), WireFormat.ANTHROPIC_MESSAGES).control()).isFalse();
        }
    }

    @Test
    void firstUserTextIsReadInEveryWireFormat() {
        assertThat(OutputHoldout.firstUserText(json(CONTINUATION), WireFormat.ANTHROPIC_MESSAGES)).isEqualTo("fix the build");
        assertThat(OutputHoldout.firstUserText(json("{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
                + "{\"role\":\"user\",\"content\":\"list files\"},{\"role\":\"user\",\"content\":\"later\"}]}"),
                WireFormat.OPENAI_CHAT)).isEqualTo("list files");
        assertThat(OutputHoldout.firstUserText(json("{\"input\":[{\"type\":\"message\",\"role\":\"developer\",\"content\":\"d\"},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"run\"},"
                + "{\"type\":\"input_text\",\"text\":\"tests\"}]}]}"), WireFormat.OPENAI_RESPONSES)).isEqualTo("run\ntests");
        assertThat(OutputHoldout.firstUserText(json("{\"input\":\"hello\"}"), WireFormat.OPENAI_RESPONSES)).isEqualTo("hello");
        assertThat(OutputHoldout.firstUserText(json("{\"messages\":[]}"), WireFormat.OPENAI_CHAT)).isEmpty();
    }

    @Test
    void theControlShareOfManyConversationsIsTheFraction() {
        OutputHoldout tenth = new OutputHoldout(0.1);
        int control = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            String body = "{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"task " + i + "\"}]}";
            control += tenth.assign(json(body), WireFormat.OPENAI_CHAT).control() ? 1 : 0;
        }
        assertThat((double) control / n).isBetween(0.09, 0.11); // sd of the share is 0.002
    }

    @Test
    void chatAndResponsesTurnKinds() {
        String chatTool = "{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"ls\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[]},{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"pom.xml\"}]}";
        String chatError = chatTool.replace("pom.xml", "Error: command failed\\nexit code 1\\nfatal: no such file");
        String responsesTool = "{\"model\":\"gpt-5\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"run\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"12 passed\"}]}";
        assertThat(TurnKind.of(json(chatTool), WireFormat.OPENAI_CHAT)).isEqualTo(TurnKind.TOOL_CONTINUATION);
        assertThat(TurnKind.of(json(chatError), WireFormat.OPENAI_CHAT)).isEqualTo(TurnKind.ERROR);
        assertThat(TurnKind.of(json(responsesTool), WireFormat.OPENAI_RESPONSES)).isEqualTo(TurnKind.TOOL_CONTINUATION);
        assertThat(TurnKind.of(json("{\"input\":\"hi\"}"), WireFormat.OPENAI_RESPONSES)).isEqualTo(TurnKind.QUESTION);
        assertThat(TurnKind.of(json(QUESTION), WireFormat.ANTHROPIC_MESSAGES)).isEqualTo(TurnKind.QUESTION);
    }

    @Test
    void shapeTurnForwardsTheControlArmAsGivenAndShapesTheTreatment() {
        byte[] body = CONTINUATION.getBytes(StandardCharsets.UTF_8);
        OutputShaper.Turn control = new OutputShaper(OutputShaperSettings.on(2).withHoldout(1))
                .shapeTurn(body, WireFormat.ANTHROPIC_MESSAGES);
        assertThat(control.bytes()).isSameAs(body);
        assertThat(control.transforms()).isEmpty();
        assertThat(control.holdout().control()).isTrue();

        OutputShaper.Turn treatment = new OutputShaper(OutputShaperSettings.on(2).withHoldout(0.000001))
                .shapeTurn(body, WireFormat.ANTHROPIC_MESSAGES);
        assertThat(treatment.transforms()).containsExactly("output_shaper:verbosity:L2");
        assertThat(treatment.holdout()).isEqualTo(new RequestRecord.Holdout("treatment", "claude-sonnet", "tool_continuation"));

        OutputShaper.Turn noHoldout = new OutputShaper(OutputShaperSettings.on(2).withHoldout(0))
                .shapeTurn(body, WireFormat.ANTHROPIC_MESSAGES);
        assertThat(noHoldout.transforms()).containsExactly("output_shaper:verbosity:L2");
        assertThat(noHoldout.holdout()).as("no holdout, nothing to measure").isNull();

        OutputShaper.Turn off = new OutputShaper(OutputShaperSettings.off()).shapeTurn(body, WireFormat.ANTHROPIC_MESSAGES);
        assertThat(off.bytes()).isSameAs(body);
        assertThat(off.holdout()).isNull();
    }

    @Test
    void holdoutMustBeAFraction() {
        assertThatThrownBy(() -> new OutputHoldout(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutputShaperSettings.on(2).withHoldout(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutputShaperSettings.on(2).withHoldout(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(OutputShaperSettings.on(2).holdout()).isEqualTo(0.1);
    }
}
