package dev.headroom.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Gemini upstream through the real proxy: a loopback upstream answers with the response shapes of real
 * Gemini API traffic (see {@link GeminiPlay}: googleapis/js-genai {@code test/system/recordings}); errors use
 * Google's envelope as the Gen AI SDKs parse it (googleapis/python-genai
 * {@code google/genai/tests/errors/test_api_error.py}: {@code {"error":{"code":…,"message":…,"status":…}}}).
 */
@Timeout(60)
class GeminiIT {
    private static final String MODEL_PATH = "/v1beta/models/gemini-2.0-flash";
    private static final String KEY = "AIza-test-key-123";
    private static final String NEEDLE_LINE = GeminiPlay.NEEDLE;

    private final GeminiPlay model = new GeminiPlay();
    private RecordingUpstream upstream;
    private StatsProxy proxy;

    @BeforeEach
    void start() throws Exception {
        upstream = new RecordingUpstream();
        upstream.respondWith(model);
        proxy = StatsProxy.start(GatewayConfig.builder().geminiBaseUrl(upstream.baseUrl()).maxRetries(0).build());
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    static String request(String toolOutput) {
        return "{\"contents\":[{\"parts\":[{\"text\":\"what failed in the build?\"}],\"role\":\"user\"},"
                + "{\"parts\":[{\"functionCall\":{\"args\":{\"command\":\"mvn verify\"},\"id\":\"call-1\",\"name\":\"run_build\"},"
                + "\"thoughtSignature\":\"c2lnLTE=\"}],\"role\":\"model\"},"
                + "{\"parts\":[{\"functionResponse\":{\"id\":\"call-1\",\"name\":\"run_build\",\"response\":{\"output\":"
                + JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(toolOutput))
                + ",\"exit_code\":1,\"duration_s\":12.50}}}],\"role\":\"user\"}],"
                + "\"generationConfig\":{\"temperature\":0.20},"
                + "\"tools\":[{\"functionDeclarations\":[{\"description\":\"Runs the build\",\"name\":\"run_build\","
                + "\"parametersJsonSchema\":{\"properties\":{\"command\":{\"type\":\"string\"}},\"type\":\"object\"}}]}]}";
    }

    private HttpResponse<String> post(String pathAndQuery, String body) throws Exception {
        return proxy.http.post(pathAndQuery, body, "x-goog-api-key", KEY, "content-type", "application/json");
    }

    private JsonNode forwarded(int i) {
        return JsonCodec.parse(upstream.received.get(i).body());
    }

    private JsonNode stats(int requests) throws Exception {
        assertThat(proxy.recorded.await(requests)).isTrue();
        return JsonCodec.parse(proxy.http.body("/stats"));
    }

    static List<JsonNode> sseChunks(String body) {
        List<JsonNode> chunks = new ArrayList<>();
        for (String line : body.split("\r?\n")) {
            if (line.startsWith("data: ")) {
                chunks.add(JsonCodec.parse(line.substring(6)));
            }
        }
        return chunks;
    }

    @Test
    void wholeAnswerIsRelayedWithTheKeyHeaderAndQueryForwardedUntouched() throws Exception {
        String body = request("BUILD FAILURE in module core");
        HttpResponse<String> response = post(MODEL_PATH + ":generateContent?key=" + KEY + "&$alt=json", body);

        assertThat(response.statusCode()).isEqualTo(200);
        RecordingUpstream.Received received = upstream.last();
        assertThat(received.pathAndQuery()).isEqualTo(MODEL_PATH + ":generateContent?key=" + KEY + "&$alt=json");
        assertThat(received.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(body); // nothing to compress: same bytes
        JsonNode answer = JsonCodec.parse(response.body());
        assertThat(answer.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("No marker here.");
        assertThat(answer.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");

        JsonNode stats = stats(1);
        assertThat(stats.at("/requests/by_provider/gemini").asLong()).isEqualTo(1);
        assertThat(stats.at("/requests/by_model/gemini-2.0-flash").asLong()).isEqualTo(1);
        assertThat(stats.at("/tokens/input").asLong()).isEqualTo(answer.at("/usageMetadata/promptTokenCount").asLong());
        assertThat(stats.at("/tokens/output").asLong()).isEqualTo(8);
        assertThat(stats.toString()).doesNotContain(KEY);
    }

    @Test
    void functionResponseIsCompressedWithItsStructureKept() throws Exception {
        String body = request(RetrievalIT.bigOutput());
        HttpResponse<String> response = post(MODEL_PATH + ":generateContent", body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sent = forwarded(0);
        JsonNode original = JsonCodec.parse(body);
        assertThat(sent.path("contents")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(sent.at("/contents/" + i + "/role")).isEqualTo(original.at("/contents/" + i + "/role"));
        }
        assertThat(sent.at("/contents/0")).isEqualTo(original.at("/contents/0"));
        assertThat(sent.at("/contents/1")).isEqualTo(original.at("/contents/1")); // functionCall and thoughtSignature
        JsonNode result = sent.at("/contents/2/parts/0/functionResponse");
        assertThat(result.path("id").asText()).isEqualTo("call-1");
        assertThat(result.path("name").asText()).isEqualTo("run_build");
        assertThat(result.at("/response/exit_code").asInt()).isEqualTo(1);
        assertThat(result.at("/response/duration_s").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(new String(upstream.received.get(0).body(), StandardCharsets.UTF_8)).contains("\"duration_s\":12.50")
                .contains("\"temperature\":0.20");
        String output = result.at("/response/output").asText();
        assertThat(output.length()).isLessThan(RetrievalIT.bigOutput().length() / 4);
        assertThat(output).startsWith("FATAL first line of the build").contains("headroom_retrieve hash=");
        JsonNode declarations = sent.at("/tools/0/functionDeclarations");
        assertThat(sent.path("tools")).hasSize(1);
        assertThat(declarations).hasSize(2);
        assertThat(declarations.at("/0/name").asText()).isEqualTo("run_build");
        assertThat(declarations.at("/1/name").asText()).isEqualTo("headroom_retrieve");
        assertThat(declarations.at("/1/parameters/required/0").asText()).isEqualTo("hash");
        assertThat(response.headers().firstValue("x-headroom-tokens-before")).isPresent();
    }

    @Test
    void wholeAnswerServesTheRetrieveCallSoTheClientNeverSeesIt() throws Exception {
        HttpResponse<String> response = post(MODEL_PATH + ":generateContent", request(RetrievalIT.bigOutput()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("headroom_retrieve").contains(NEEDLE_LINE);
        JsonNode answer = JsonCodec.parse(response.body());
        assertThat(answer.at("/candidates/0/content/parts")).hasSize(1);
        assertThat(upstream.received).hasSize(2);
        JsonNode continued = forwarded(1);
        assertThat(continued.path("contents")).hasSize(5);
        assertThat(continued.at("/contents/3/role").asText()).isEqualTo("model");
        assertThat(continued.at("/contents/3/parts/1/functionCall/name").asText()).isEqualTo("headroom_retrieve");
        assertThat(continued.at("/contents/3/parts/1/thoughtSignature").asText()).isEqualTo("c2lnbmF0dXJl");
        assertThat(continued.at("/contents/4/role").asText()).isEqualTo("user");
        JsonNode served = continued.at("/contents/4/parts/0/functionResponse");
        assertThat(served.path("name").asText()).isEqualTo("headroom_retrieve");
        assertThat(served.at("/response/output").asText()).contains(NEEDLE_LINE);
        // both rounds' usage, summed for the client and in /stats
        long prompt = upstream.received.get(0).body().length / 10 + upstream.received.get(1).body().length / 10;
        assertThat(answer.at("/usageMetadata/promptTokenCount").asLong()).isEqualTo(prompt);
        assertThat(answer.at("/usageMetadata/candidatesTokenCount").asLong()).isEqualTo(11 + 8);
        JsonNode stats = stats(1);
        assertThat(stats.at("/tokens/input").asLong()).isEqualTo(prompt);
        assertThat(stats.at("/tokens/output").asLong()).isEqualTo(19);
        assertThat(stats.at("/tokens/saved").asLong()).isPositive();
    }

    @Test
    void sseStreamSplicesTheContinuationIntoOneClientStream() throws Exception {
        HttpResponse<String> response = post(MODEL_PATH + ":streamGenerateContent?alt=sse", request(RetrievalIT.bigOutput()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(response.body()).doesNotContain("headroom_retrieve");
        List<JsonNode> chunks = sseChunks(response.body());
        StringBuilder text = new StringBuilder();
        int finishes = 0;
        for (JsonNode chunk : chunks) {
            assertThat(chunk.path("responseId").asText()).isEqualTo("resp-1");
            for (JsonNode part : chunk.at("/candidates/0/content/parts")) {
                text.append(part.path("text").asText());
            }
            finishes += chunk.at("/candidates/0/finishReason").isMissingNode() ? 0 : 1;
        }
        assertThat(text.toString()).isEqualTo("Let me look.Found it: " + NEEDLE_LINE);
        assertThat(finishes).isEqualTo(1);
        assertThat(chunks.get(chunks.size() - 1).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(upstream.received).hasSize(2);
        assertThat(upstream.received.get(1).pathAndQuery()).endsWith(":streamGenerateContent?alt=sse");
        long prompt = upstream.received.get(0).body().length / 10 + upstream.received.get(1).body().length / 10;
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.at("/usageMetadata/promptTokenCount").asLong()).isEqualTo(prompt);
        JsonNode stats = stats(1);
        assertThat(stats.at("/tokens/input").asLong()).isEqualTo(prompt);
        assertThat(stats.at("/tokens/output").asLong()).isEqualTo(11 + 8);
    }

    @Test
    void jsonArrayStreamIsRelayedAsSentAndForwardedWithoutTheRetrieveTool() throws Exception {
        String body = request(RetrievalIT.bigOutput());
        HttpResponse<String> response = post(MODEL_PATH + ":streamGenerateContent", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(upstream.last().body(), StandardCharsets.UTF_8)).isEqualTo(body);
        JsonNode array = JsonCodec.parse(response.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array.at("/0/candidates/0/content/parts/0/text").asText()).isEqualTo("No marker here.");
        assertThat(response.body()).startsWith("[{\n").contains("\"usageMetadata\" : {");
        JsonNode stats = stats(1);
        assertThat(stats.at("/tokens/input").asLong()).isEqualTo(body.length() / 10);
        assertThat(stats.at("/tokens/output").asLong()).isEqualTo(8);
    }

    @Test
    void clientFunctionCallReachesTheClientUnchanged() throws Exception {
        model.clientCall = true;
        HttpResponse<String> response = post(MODEL_PATH + ":generateContent", request(RetrievalIT.bigOutput()));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode call = JsonCodec.parse(response.body()).at("/candidates/0/content/parts/0/functionCall");
        assertThat(call.path("name").asText()).isEqualTo("customDivide");
        assertThat(call.path("args")).isEqualTo(JsonCodec.parse("{\"denominator\":2,\"numerator\":10}"));
        assertThat(upstream.received).hasSize(1);
    }

    @Test
    void upstreamErrorsComeBackWithTheirStatusInGooglesEnvelope() throws Exception {
        String exhausted = "{\n  \"error\": {\n    \"code\": 429,\n    \"message\": \"Resource has been exhausted (e.g. check quota).\",\n"
                + "    \"status\": \"RESOURCE_EXHAUSTED\"\n  }\n}\n";
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 429, exhausted));
        HttpResponse<String> limited = post(MODEL_PATH + ":generateContent", request("x"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo(exhausted);

        String internal = "{\"error\":{\"code\":500,\"message\":\"An internal error has occurred.\",\"status\":\"INTERNAL\"}}";
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 500, internal));
        HttpResponse<String> failed = post(MODEL_PATH + ":streamGenerateContent?alt=sse", request("x"));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).isEqualTo(internal);
        assertThat(stats(2).at("/requests/failed").asLong()).isEqualTo(2);
    }

    @Test
    void proxySideErrorsUseGooglesEnvelope() throws Exception {
        HttpResponse<String> malformed = post(MODEL_PATH + ":generateContent", "{\"contents\": [");
        assertThat(malformed.statusCode()).isEqualTo(400);
        JsonNode error = JsonCodec.parse(malformed.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.path("message").asText()).isNotBlank();

        upstream.close();
        HttpResponse<String> unreachable = post(MODEL_PATH + ":generateContent", request("x"));
        assertThat(unreachable.statusCode()).isEqualTo(502);
        JsonNode gone = JsonCodec.parse(unreachable.body()).path("error");
        assertThat(gone.path("code").asInt()).isEqualTo(502);
        assertThat(gone.path("status").asText()).isEqualTo("INTERNAL");
        assertThat(unreachable.body()).doesNotContain(KEY);
    }

    @Test
    void countTokensAndTheModelListGoToTheGeminiUpstream() throws Exception {
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200, r.method().equals("GET")
                ? "{\"models\":[{\"name\":\"models/gemini-2.0-flash\",\"displayName\":\"Gemini 2.0 Flash\"}]}"
                : "{\"totalTokens\":31,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":31}]}"));
        HttpResponse<String> count = post(MODEL_PATH + ":countTokens", "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}],\"role\":\"user\"}]}");
        assertThat(count.statusCode()).isEqualTo(200);
        assertThat(JsonCodec.parse(count.body()).path("totalTokens").asInt()).isEqualTo(31);
        assertThat(upstream.last().pathAndQuery()).isEqualTo(MODEL_PATH + ":countTokens");

        HttpResponse<String> list = proxy.http.get("/v1beta/models?key=" + KEY + "&pageSize=5");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("models/gemini-2.0-flash");
        assertThat(upstream.last().method()).isEqualTo("GET");
        assertThat(upstream.last().pathAndQuery()).isEqualTo("/v1beta/models?key=" + KEY + "&pageSize=5");
        proxy.http.get("/v1beta/models/gemini-2.0-flash");
        assertThat(upstream.last().pathAndQuery()).isEqualTo("/v1beta/models/gemini-2.0-flash");
    }

    @Test
    void healthShowsTheGeminiUpstream() throws Exception {
        JsonNode health = JsonCodec.parse(proxy.http.body("/health"));
        assertThat(health.at("/config/gemini_api_url").asText()).isEqualTo(upstream.baseUrl().toString());
    }
}
