package dev.headroom.wire;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiContentsViewTest {

    // contents in the shape the Gen AI SDKs send (googleapis/js-genai test/system/recordings, AFC tests)
    private static final String REQUEST = """
            {"contents":[
              {"parts":[{"text":"Divide 10 by 2 using the customDivide function"}],"role":"user"},
              {"parts":[{"functionCall":{"args":{"denominator":2,"numerator":10},"name":"customDivide"},"thoughtSignature":"c2ln"}],"role":"model"},
              {"parts":[{"functionResponse":{"name":"customDivide","response":{"output":"five","unit":"none","value":5.0}}}],"role":"user"},
              {"parts":[{"text":"now read the log"}],"role":"user"},
              {"parts":[{"functionCall":{"id":"c2","args":{"path":"a.log"},"name":"read"}}],"role":"model"},
              {"parts":[{"functionResponse":{"id":"c2","name":"read","response":{"error":"permission denied","detail":"EACCES"}}},
                        {"inlineData":{"mimeType":"image/png","data":"iVBOR"}}],"role":"user"},
              {"parts":[{"text":"a model text","functionResponse":{"name":"x","response":{"output":"from the model"}}}],"role":"model"}],
             "systemInstruction":{"parts":[{"text":"be brief"}]}}""";

    private static List<ToolOutput> outputs(String json) {
        return RequestView.of(JsonCodec.parse(json), WireFormat.GEMINI).toolOutputs();
    }

    @Test
    void eachStringFieldOfAFunctionResponseIsOneUnitWithItsCallAndQuery() {
        List<ToolOutput> outputs = outputs(REQUEST);
        assertThat(outputs).extracting(ToolOutput::text).containsExactly("five", "none", "permission denied", "EACCES");
        assertThat(outputs).extracting(ToolOutput::toolName).containsExactly("customDivide", "customDivide", "read", "read");
        assertThat(outputs).extracting(ToolOutput::toolCallId).containsExactly("", "", "c2", "c2");
        assertThat(outputs).extracting(ToolOutput::messageIndex).containsExactly(2, 2, 5, 5);
        assertThat(outputs).extracting(ToolOutput::query).containsExactly("Divide 10 by 2 using the customDivide function",
                "Divide 10 by 2 using the customDivide function", "now read the log", "now read the log");
        assertThat(outputs.get(0).toolInput()).isEqualTo(JsonCodec.parse("{\"denominator\":2,\"numerator\":10}"));
        assertThat(outputs.get(2).toolInput()).isEqualTo(JsonCodec.parse("{\"path\":\"a.log\"}"));
    }

    @Test
    void aResponseWithAnErrorFieldIsAnErrorResult() {
        assertThat(outputs(REQUEST)).extracting(ToolOutput::markedError).containsExactly(false, false, true, true);
    }

    @Test
    void replacingAUnitChangesOnlyThatStringAndKeepsEverythingElse() {
        JsonNode root = JsonCodec.parse(REQUEST);
        RequestView view = RequestView.of(root, WireFormat.GEMINI);
        view.toolOutputs().get(0).replace("5");
        JsonNode expected = JsonCodec.parse(REQUEST);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected.at("/contents/2/parts/0/functionResponse/response")).put("output", "5");
        assertThat(root).isEqualTo(expected);
        assertThat(JsonCodec.write(root)).contains("\"value\":5.0").contains("\"thoughtSignature\":\"c2ln\"");
    }

    @Test
    void bodiesWithContentsAreDetectedAsGemini() {
        assertThat(WireFormats.detect(JsonCodec.parse(REQUEST))).isEqualTo(WireFormat.GEMINI);
        assertThat(RequestView.of(JsonCodec.parse(REQUEST), WireFormat.GEMINI).model()).isEmpty();
    }
}
