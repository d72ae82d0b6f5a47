package dev.headroom.shaper;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.WireFormat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Effort routing: only a mechanical continuation gets a lower effort, and only an effort the client set. */
class EffortRouterTest {
    private static final OutputShaper ROUTER = new OutputShaper(new OutputShaperSettings(false, 2, true, "low"));
    private static final String TOOL_RESULT_TURN = "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"3 files changed\"}]}";
    private static final String TOOL_USE_TURN = "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Bash\",\"input\":{\"command\":\"git status\"}}]}";

    private static OutputShaper.Shaped shape(OutputShaper shaper, String body, WireFormat format) {
        return shaper.shape(body.getBytes(StandardCharsets.UTF_8), format);
    }

    private static String anthropic(String lastTurn, String controls) {
        return "{\"model\":\"claude-opus-4-5\",\"max_tokens\":32000," + controls + ",\"messages\":[{\"role\":\"user\",\"content\":\"fix the build\"},"
                + TOOL_USE_TURN + "," + lastTurn + "]}";
    }

    @Test
    void anthropicToolContinuationGetsTheMechanicalEffortAndAClampedThinkingBudget() {
        String body = anthropic(TOOL_RESULT_TURN, "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":16000},\"output_config\":{\"effort\":\"high\"}");

        OutputShaper.Shaped shaped = shape(ROUTER, body, WireFormat.ANTHROPIC_MESSAGES);

        assertThat(new String(shaped.bytes(), StandardCharsets.UTF_8)).isEqualTo(body.replace("16000", "1024").replace("\"high\"", "\"low\""));
        assertThat(shaped.transforms()).containsExactly("output_shaper:effort:high->low", "output_shaper:thinking_budget->1024");
    }

    @Test
    void anthropicNewQuestionKeepsFullEffort() {
        String body = anthropic("{\"role\":\"user\",\"content\":\"now why did it fail?\"}", "\"output_config\":{\"effort\":\"high\"}");

        assertThat(shape(ROUTER, body, WireFormat.ANTHROPIC_MESSAGES).changed()).isFalse();
    }

    @Test
    void anthropicToolResultsWithTextBesideThemAreANewQuestion() {
        String turn = "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"ok\"},{\"type\":\"text\",\"text\":\"and now?\"}]}";

        assertThat(shape(ROUTER, anthropic(turn, "\"output_config\":{\"effort\":\"high\"}"), WireFormat.ANTHROPIC_MESSAGES).changed()).isFalse();
    }

    @Test
    void anthropicErrorResultsKeepFullEffortWhetherMarkedOrWorded() {
        String marked = "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"is_error\":true,\"content\":\"no such file\"}]}";
        String worded = "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":[{\"type\":\"text\",\"text\":\"BUILD FAILED\\nerror: cannot find symbol\"}]}]}";

        assertThat(shape(ROUTER, anthropic(marked, "\"output_config\":{\"effort\":\"high\"}"), WireFormat.ANTHROPIC_MESSAGES).changed()).isFalse();
        assertThat(shape(ROUTER, anthropic(worded, "\"output_config\":{\"effort\":\"high\"}"), WireFormat.ANTHROPIC_MESSAGES).changed()).isFalse();
    }

    @Test
    void noEffortIsAddedAndThinkingIsNeverSwitched() {
        String none = anthropic(TOOL_RESULT_TURN, "\"temperature\":1");
        String disabled = anthropic(TOOL_RESULT_TURN, "\"thinking\":{\"type\":\"disabled\"}");
        String small = anthropic(TOOL_RESULT_TURN, "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}");

        for (String body : new String[] {none, disabled, small}) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertThat(ROUTER.shape(bytes, WireFormat.ANTHROPIC_MESSAGES).bytes()).as(body).isSameAs(bytes);
        }
    }

    @Test
    void anEffortAlreadyAtOrBelowTheMechanicalOneIsNeverRaised() {
        OutputShaper toMedium = new OutputShaper(new OutputShaperSettings(false, 2, true, "medium"));

        assertThat(shape(toMedium, anthropic(TOOL_RESULT_TURN, "\"output_config\":{\"effort\":\"low\"}"), WireFormat.ANTHROPIC_MESSAGES).changed()).isFalse();
        assertThat(shape(toMedium, anthropic(TOOL_RESULT_TURN, "\"output_config\":{\"effort\":\"medium\"}"), WireFormat.ANTHROPIC_MESSAGES).changed()).isFalse();
        assertThat(shape(toMedium, anthropic(TOOL_RESULT_TURN, "\"output_config\":{\"effort\":\"turbo\"}"), WireFormat.ANTHROPIC_MESSAGES).changed())
                .as("an unknown value is left alone").isFalse();
    }

    @Test
    void anthropicNeverGetsAnEffortBelowLow() {
        OutputShaper toMinimal = new OutputShaper(new OutputShaperSettings(false, 2, true, "minimal"));

        OutputShaper.Shaped shaped = shape(toMinimal, anthropic(TOOL_RESULT_TURN, "\"output_config\":{\"effort\":\"high\"}"), WireFormat.ANTHROPIC_MESSAGES);

        assertThat(shaped.transforms()).containsExactly("output_shaper:effort:high->low");
    }

    @Test
    void chatToolMessagesAtTheEndLowerTheReasoningEffort() {
        String head = "{\"model\":\"o3\",\"reasoning_effort\":\"high\",\"messages\":[{\"role\":\"user\",\"content\":\"list files\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"ls\",\"arguments\":\"{}\"}}]}";
        String continuation = head + ",{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"a.txt\\nb.txt\"}]}";
        String error = head + ",{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"Error: permission denied\\nls failed\"}]}";
        String question = head + ",{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"a.txt\"},{\"role\":\"user\",\"content\":\"which is newer?\"}]}";

        OutputShaper.Shaped lowered = shape(ROUTER, continuation, WireFormat.OPENAI_CHAT);

        assertThat(new String(lowered.bytes(), StandardCharsets.UTF_8)).isEqualTo(continuation.replace("\"high\"", "\"low\""));
        assertThat(lowered.transforms()).containsExactly("output_shaper:effort:high->low");
        assertThat(shape(ROUTER, error, WireFormat.OPENAI_CHAT).changed()).isFalse();
        assertThat(shape(ROUTER, question, WireFormat.OPENAI_CHAT).changed()).isFalse();
    }

    @Test
    void responsesFunctionCallOutputsAtTheEndLowerTheReasoningEffort() {
        String head = "{\"model\":\"gpt-5-codex\",\"reasoning\":{\"effort\":\"medium\",\"summary\":\"auto\"},\"input\":["
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"run tests\"}]},"
                + "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"shell\",\"arguments\":\"{}\"}";
        String continuation = head + ",{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"42 tests passed\"}]}";
        String question = head + ",{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"ok\"},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"and lint?\"}]}]}";

        OutputShaper.Shaped lowered = shape(ROUTER, continuation, WireFormat.OPENAI_RESPONSES);

        assertThat(new String(lowered.bytes(), StandardCharsets.UTF_8)).isEqualTo(continuation.replace("\"medium\"", "\"low\""));
        assertThat(lowered.transforms()).containsExactly("output_shaper:effort:medium->low");
        assertThat(shape(ROUTER, question, WireFormat.OPENAI_RESPONSES).changed()).isFalse();
        assertThat(shape(ROUTER, "{\"model\":\"gpt-5\",\"reasoning\":{\"effort\":\"high\"},\"input\":\"hi\"}", WireFormat.OPENAI_RESPONSES).changed())
                .as("a string input is a question").isFalse();
    }

    @Test
    void withTheShaperOnBothStepsRunVerbosityFirst() {
        OutputShaper both = new OutputShaper(OutputShaperSettings.on(2));
        String body = anthropic(TOOL_RESULT_TURN, "\"output_config\":{\"effort\":\"high\"}");

        OutputShaper.Shaped shaped = shape(both, body, WireFormat.ANTHROPIC_MESSAGES);

        assertThat(shaped.transforms()).containsExactly("output_shaper:verbosity:L2", "output_shaper:effort:high->low");
        JsonNode out = JsonCodec.parse(shaped.bytes());
        assertThat(out.at("/output_config/effort").asText()).isEqualTo("low");
        assertThat(out.at("/system/0/text").asText()).isEqualTo(Verbosity.instruction(2));
    }

    @Test
    void chatContinuationIsStillMechanicalAfterTheVerbosityStepAppendedItsTrailingMessage() {
        String body = "{\"model\":\"o3\",\"reasoning_effort\":\"high\",\"messages\":[{\"role\":\"user\",\"content\":\"list files\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"ls\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"a.txt\"}]}";

        OutputShaper.Shaped shaped = shape(new OutputShaper(OutputShaperSettings.on(2)), body, WireFormat.OPENAI_CHAT);

        assertThat(shaped.transforms()).containsExactly("output_shaper:verbosity:L2", "output_shaper:effort:high->low");
        assertThat(shape(new OutputShaper(OutputShaperSettings.on(2)), new String(shaped.bytes(), StandardCharsets.UTF_8),
                WireFormat.OPENAI_CHAT).changed()).as("shaping the shaped request again changes nothing").isFalse();
    }

    @Test
    void settingsRejectAnUnknownLevelOrEffort() {
        assertThatThrownBy(() -> new OutputShaperSettings(true, 5, true, "low")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutputShaperSettings(true, 0, true, "low")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutputShaperSettings(true, 2, true, "tiny")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new OutputShaperSettings(true, 2, true, " Medium ").mechanicalEffort()).isEqualTo("medium");
    }
}
