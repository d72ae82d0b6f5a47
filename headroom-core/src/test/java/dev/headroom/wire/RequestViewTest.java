package dev.headroom.wire;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestViewTest {

    private static List<ToolOutput> outputs(String json, WireFormat format) {
        return RequestView.of(JsonCodec.parse(json), format).toolOutputs();
    }

    @Test
    void findsAnthropicToolResultsInStringAndBlockFormWithNamesAndQuery() {
        String json = """
                {"model":"claude","messages":[
                 {"role":"user","content":"why does checkout fail?"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Bash","input":{"cmd":"ls"}},
                                                {"type":"tool_use","id":"t2","name":"Read","input":{}}]},
                 {"role":"user","content":[
                   {"type":"tool_result","tool_use_id":"t1","content":"out one"},
                   {"type":"tool_result","tool_use_id":"t2","is_error":true,"content":[{"type":"text","text":"out two"},{"type":"image","source":{}}]},
                   {"type":"text","text":"now look at payments"}]},
                 {"role":"assistant","content":[{"type":"tool_use","id":"t3","name":"Grep","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"t3","content":"out three"}]}]}""";
        List<ToolOutput> outputs = outputs(json, WireFormat.ANTHROPIC_MESSAGES);
        assertThat(outputs).extracting(ToolOutput::text).containsExactly("out one", "out two", "out three");
        assertThat(outputs).extracting(ToolOutput::toolName).containsExactly("Bash", "Read", "Grep");
        assertThat(outputs).extracting(ToolOutput::markedError).containsExactly(false, true, false);
        assertThat(outputs).extracting(ToolOutput::query)
                .containsExactly("why does checkout fail?", "why does checkout fail?", "now look at payments");
    }

    @Test
    void replacingTextEditsOnlyThatString() {
        String json = "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"cache_control\":{\"type\":\"ephemeral\"},\"content\":\"long\"}]}]}";
        RequestView view = RequestView.of(JsonCodec.parse(json), WireFormat.ANTHROPIC_MESSAGES);
        view.toolOutputs().get(0).replace("short");
        assertThat(JsonCodec.write(view.root())).isEqualTo(json.replace("\"long\"", "\"short\""));
    }

    @Test
    void findsOpenAiToolMessagesAndNeverSystemOrUserText() {
        String json = """
                {"model":"gpt-4o","messages":[
                 {"role":"system","content":"sys"},
                 {"role":"user","content":[{"type":"text","text":"q1"}]},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"search","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"c1","content":"result"},
                 {"role":"tool","tool_call_id":"c2","content":[{"type":"text","text":"part"}]}]}""";
        List<ToolOutput> outputs = outputs(json, WireFormat.OPENAI_CHAT);
        assertThat(outputs).extracting(ToolOutput::text).containsExactly("result", "part");
        assertThat(outputs).extracting(ToolOutput::toolName).containsExactly("search", "");
        assertThat(outputs).extracting(ToolOutput::query).containsOnly("q1");
    }

    @Test
    void findsResponsesFunctionAndCustomToolOutputs() {
        String json = """
                {"model":"gpt-5","input":[
                 {"type":"message","role":"developer","content":"dev"},
                 {"role":"user","content":[{"type":"input_text","text":"fix the test"}]},
                 {"type":"function_call","call_id":"a","name":"shell","arguments":"{}"},
                 {"type":"function_call_output","call_id":"a","output":"shell out"},
                 {"type":"custom_tool_call","call_id":"b","name":"apply_patch","input":"x"},
                 {"type":"custom_tool_call_output","call_id":"b","output":[{"type":"input_text","text":"patched"}]},
                 {"type":"reasoning","summary":[]}]}""";
        List<ToolOutput> outputs = outputs(json, WireFormat.OPENAI_RESPONSES);
        assertThat(outputs).extracting(ToolOutput::text).containsExactly("shell out", "patched");
        assertThat(outputs).extracting(ToolOutput::toolName).containsExactly("shell", "apply_patch");
        assertThat(outputs).extracting(ToolOutput::query).containsOnly("fix the test");
    }
}
