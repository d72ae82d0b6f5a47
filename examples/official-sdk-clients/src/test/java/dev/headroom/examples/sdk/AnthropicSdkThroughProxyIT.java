package dev.headroom.examples.sdk;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official Anthropic Java SDK ({@code com.anthropic:anthropic-java}), unmodified, talking to the
 * Headroom proxy by base URL only, with a real HTTP server playing the Anthropic API behind it.
 */
@Timeout(60)
class AnthropicSdkThroughProxyIT {
    private static final String API_KEY = "sk-ant-api03-Xy9_Qw-4rTz0PLm7vBn2Kc8Hd5Jf1Gs6Ae3Wo9Ui0Yt-AAAAAAAA";

    private ProxyUnderTest proxy;
    private AnthropicClient client;

    @BeforeEach
    void start() throws Exception {
        proxy = new ProxyUnderTest();
        client = OfficialSdkClients.anthropicThroughProxy(proxy.url(), API_KEY)
                .withOptions(options -> options.maxRetries(0).timeout(Duration.ofSeconds(20)));
    }

    @AfterEach
    void stop() {
        client.close();
        proxy.close();
    }

    private static MessageCreateParams.Builder question(String text) {
        return MessageCreateParams.builder().model(AnthropicWire.MODEL).maxTokens(1024).addUserMessage(text);
    }

    @Test
    void anthropicSdkGetsAnAnswerThroughTheProxy() {
        proxy.provider.alwaysAnswer(FakeProvider.json(200, AnthropicWire.textMessage("msg_01", "Hello from the fake Claude."),
                "request-id", "req_011CAnswer"));

        String answer = OfficialSdkClients.askClaude(client, AnthropicWire.MODEL, "Say hello.");

        assertThat(answer).isEqualTo("Hello from the fake Claude.");
        FakeProvider.Received received = proxy.provider.last();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.pathAndQuery()).isEqualTo("/v1/messages");
        assertThat(received.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(received.json().at("/messages/0/content").asText()).isEqualTo("Say hello.");
        assertThat(received.json().path("stream").asBoolean(false)).isFalse();
    }

    @Test
    void anthropicSdkApiKeyReachesTheProviderByteIdentical() {
        proxy.provider.alwaysAnswer(FakeProvider.json(200, AnthropicWire.textMessage("msg_01", "ok")));

        client.messages().create(question("ping").build());

        assertThat(proxy.provider.last().header("x-api-key")).isEqualTo(API_KEY);
    }

    @Test
    void anthropicSdkAuthTokenReachesTheProviderByteIdentical() {
        proxy.provider.alwaysAnswer(FakeProvider.json(200, AnthropicWire.textMessage("msg_01", "ok")));
        String token = "sk-ant-oat01-Bearer_Token-9f8e7d6c5b4a";
        AnthropicClient bearer = AnthropicOkHttpClient.builder().baseUrl(proxy.url()).authToken(token).maxRetries(0).build();
        try {
            bearer.messages().create(question("ping").build());
        } finally {
            bearer.close();
        }

        FakeProvider.Received received = proxy.provider.last();
        assertThat(received.header("authorization")).isEqualTo("Bearer " + token);
        assertThat(received.header("x-api-key")).isNull();
    }

    @Test
    void anthropicSdkStreamsTextThroughTheProxy() {
        List<String> pieces = List.of("Streaming ", "through ", "Headroom ", "works.");
        List<String> events = AnthropicWire.textStream("msg_02", pieces);
        // Hold the second text delta back until the SDK has handed the first one to the application.
        int firstDelta = indexOf(events, "content_block_delta");
        StreamGate gate = new StreamGate(firstDelta + 1);
        proxy.provider.alwaysAnswer(FakeProvider.sse(events, gate));

        List<String> deltas = new ArrayList<>();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(question("Stream, please.").build())) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                event.contentBlockDelta().flatMap(delta -> delta.delta().text()).ifPresent(text -> {
                    deltas.add(text.text());
                    gate.clientSawEvent();
                });
            });
        }

        assertThat(gate.timedOut()).as("the first delta reached the SDK while the stream was open").isFalse();
        assertThat(deltas).containsExactlyElementsOf(pieces);
        Message message = accumulator.message();
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(pieces.size());
        assertThat(message.usage().inputTokens()).isEqualTo(25);
        assertThat(proxy.provider.last().json().path("stream").asBoolean()).isTrue();
    }

    @Test
    void anthropicSdkToolRoundTripArrivesCompressedWithItsErrorLineAndIds() {
        assertThat(ProxyUnderTest.compressorNames()).as("compressors of headroom-compress on the classpath").isNotEmpty();
        proxy.provider.thenAnswer(
                FakeProvider.json(200, AnthropicWire.toolUseMessage("msg_03", "toolu_01A9bZ", "run_build", "{\"target\":\"test\"}")),
                FakeProvider.json(200, AnthropicWire.textMessage("msg_04", "The refund test failed: two refunds were issued.")));
        Tool runBuild = Tool.builder().name("run_build").description("Runs the build and returns its log.")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("target", Map.of("type", "string"))))
                        .addRequired("target").build())
                .build();
        MessageCreateParams.Builder conversation = question("Why does the build fail?").addTool(runBuild);

        // Turn 1: the model asks for the tool.
        Message first = client.messages().create(conversation.build());
        ToolUseBlock toolUse = first.content().stream().flatMap(block -> block.toolUse().stream()).findFirst().orElseThrow();
        assertThat(toolUse.name()).isEqualTo("run_build");

        // Turn 2: the application runs it and sends 2,000 lines of log back.
        String log = ToolOutputs.buildLog();
        conversation.addMessage(first).addUserMessageOfBlockParams(List.of(ContentBlockParam.ofToolResult(
                ToolResultBlockParam.builder().toolUseId(toolUse.id()).content(log).build())));
        Message answer = client.messages().create(conversation.build());

        assertThat(answer.content().stream().flatMap(block -> block.text().stream()).map(TextBlock::text)
                .collect(Collectors.joining())).contains("two refunds");
        JsonNode forwarded = proxy.provider.last().json();
        JsonNode messages = forwarded.path("messages");
        assertThat(messages.size()).isEqualTo(3);
        assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
        JsonNode forwardedToolUse = messages.at("/1/content/1");
        assertThat(forwardedToolUse.path("type").asText()).isEqualTo("tool_use");
        assertThat(forwardedToolUse.path("id").asText()).isEqualTo("toolu_01A9bZ");
        assertThat(forwardedToolUse.path("input").toString()).isEqualTo("{\"target\":\"test\"}");
        JsonNode toolResult = messages.at("/2/content/0");
        assertThat(toolResult.path("type").asText()).isEqualTo("tool_result");
        assertThat(toolResult.path("tool_use_id").asText()).isEqualTo("toolu_01A9bZ");
        String forwardedLog = toolResultText(toolResult);
        assertThat(forwardedLog).contains(ToolOutputs.ERROR_LINE);
        assertThat(forwardedLog.length()).isLessThan(log.length() / 2);
        assertThat(forwarded.path("tools").toString()).contains("run_build");
    }

    @Test
    void anthropicSdkSeesRateLimitAsItsRateLimitException() {
        proxy.provider.alwaysAnswer(FakeProvider.json(429, AnthropicWire.error("rate_limit_error",
                "Number of request tokens has exceeded your per-minute rate limit")));

        assertThatThrownBy(() -> client.messages().create(question("hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.getMessage()).contains("Number of request tokens has exceeded your per-minute rate limit");
                    assertThat(e.body().toString()).contains("rate_limit_error");
                });
        assertThat(proxy.provider.received()).hasSize(1 + ProxyUnderTest.PROXY_RETRIES);
    }

    @Test
    void anthropicSdkSeesServerErrorAsItsInternalServerException() {
        proxy.provider.alwaysAnswer(FakeProvider.json(500, AnthropicWire.error("api_error", "Internal server error")));

        assertThatThrownBy(() -> client.messages().create(question("hi").build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("Internal server error");
                    assertThat(e.body().toString()).contains("api_error");
                });
        assertThat(proxy.provider.received()).hasSize(1 + ProxyUnderTest.PROXY_RETRIES);
    }

    private static String toolResultText(JsonNode toolResult) {
        JsonNode content = toolResult.path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(block -> text.append(block.path("text").asText()));
        return text.toString();
    }

    private static int indexOf(List<String> events, String name) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith("event: " + name + "\n")) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
