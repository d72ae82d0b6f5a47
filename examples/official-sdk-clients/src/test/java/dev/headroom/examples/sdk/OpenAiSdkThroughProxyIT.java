package dev.headroom.examples.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official OpenAI Java SDK ({@code com.openai:openai-java}), unmodified, talking to the Headroom
 * proxy by base URL only ({@code …/v1}), with a real HTTP server playing the OpenAI API behind it.
 */
@Timeout(60)
class OpenAiSdkThroughProxyIT {
    private static final String API_KEY = "sk-proj-T3stK3y_Abc-123xyzQRS456tuv789WXYZ0-abcdefghijklmnopqrstuvwxyzT3BlbkFJ";

    private ProxyUnderTest proxy;
    private OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        proxy = new ProxyUnderTest();
        client = OfficialSdkClients.openAiThroughProxy(proxy.url(), API_KEY)
                .withOptions(options -> options.maxRetries(0).timeout(Duration.ofSeconds(20)));
    }

    @AfterEach
    void stop() {
        client.close();
        proxy.close();
    }

    private static ChatCompletionCreateParams.Builder question(String text) {
        return ChatCompletionCreateParams.builder().model(OpenAiWire.MODEL).addUserMessage(text);
    }

    @Test
    void openAiSdkGetsACompletionThroughTheProxy() {
        proxy.provider.alwaysAnswer(FakeProvider.json(200, OpenAiWire.textCompletion("chatcmpl-01", "Hello from the fake GPT."),
                "x-request-id", "req_abc123"));

        String answer = OfficialSdkClients.askGpt(client, OpenAiWire.MODEL, "Say hello.");

        assertThat(answer).isEqualTo("Hello from the fake GPT.");
        FakeProvider.Received received = proxy.provider.last();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.pathAndQuery()).isEqualTo("/v1/chat/completions");
        assertThat(received.json().at("/messages/0/content").asText()).isEqualTo("Say hello.");
        assertThat(received.json().path("stream").asBoolean(false)).isFalse();
    }

    @Test
    void openAiSdkApiKeyReachesTheProviderByteIdentical() {
        proxy.provider.alwaysAnswer(FakeProvider.json(200, OpenAiWire.textCompletion("chatcmpl-01", "ok")));

        client.chat().completions().create(question("ping").build());

        assertThat(proxy.provider.last().header("authorization")).isEqualTo("Bearer " + API_KEY);
    }

    @Test
    void openAiSdkStreamsChunksThroughTheProxy() {
        List<String> pieces = List.of("Streaming ", "through ", "Headroom ", "works.");
        List<String> events = OpenAiWire.textStream("chatcmpl-02", pieces);
        // Event 0 carries the role, event 1 the first piece: hold event 2 until the SDK has handed piece 1 over.
        StreamGate gate = new StreamGate(2);
        proxy.provider.alwaysAnswer(FakeProvider.sse(events, gate));

        List<String> contents = new ArrayList<>();
        List<String> finishReasons = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(question("Stream, please.").build())) {
            stream.stream().flatMap(chunk -> chunk.choices().stream()).forEach(choice -> {
                choice.delta().content().filter(text -> !text.isEmpty()).ifPresent(text -> {
                    contents.add(text);
                    gate.clientSawEvent();
                });
                choice.finishReason().ifPresent(reason -> finishReasons.add(reason.asString()));
            });
        }

        assertThat(gate.timedOut()).as("the first chunk reached the SDK while the stream was open").isFalse();
        assertThat(contents).containsExactlyElementsOf(pieces);
        assertThat(finishReasons).containsExactly("stop");
        JsonNode forwarded = proxy.provider.last().json();
        assertThat(forwarded.path("stream").asBoolean()).isTrue();
    }

    @Test
    void openAiSdkToolRoundTripArrivesCompressedWithTheFailedRecordAndCallId() {
        assertThat(ProxyUnderTest.compressorNames()).as("compressors of headroom-compress on the classpath").isNotEmpty();
        proxy.provider.thenAnswer(
                FakeProvider.json(200, OpenAiWire.toolCallCompletion("chatcmpl-03", "call_Qx7Lm2", "list_orders", "{\"since\":\"2026-01-01\"}")),
                FakeProvider.json(200, OpenAiWire.textCompletion("chatcmpl-04", "Order ord-00173 failed: card declined.")));
        FunctionDefinition listOrders = FunctionDefinition.builder().name("list_orders")
                .description("Lists the orders since a date.")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("since", Map.of("type", "string"))))
                        .build())
                .build();
        ChatCompletionCreateParams.Builder conversation = question("Which order failed?").addFunctionTool(listOrders);

        // Turn 1: the model calls the function.
        ChatCompletion first = client.chat().completions().create(conversation.build());
        ChatCompletionMessage assistant = first.choices().get(0).message();
        ChatCompletionMessageFunctionToolCall call = assistant.toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.function().name()).isEqualTo("list_orders");

        // Turn 2: the application runs it and sends 300 order records back.
        String orders = ToolOutputs.ordersJson();
        conversation.addMessage(assistant).addMessage(ChatCompletionToolMessageParam.builder()
                .toolCallId(call.id()).content(orders).build());
        ChatCompletion answer = client.chat().completions().create(conversation.build());

        assertThat(answer.choices().get(0).message().content()).hasValueSatisfying(text -> assertThat(text).contains("ord-00173"));
        JsonNode forwarded = proxy.provider.last().json();
        JsonNode messages = forwarded.path("messages");
        assertThat(messages.size()).isEqualTo(3);
        assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
        assertThat(messages.at("/1/tool_calls/0/id").asText()).isEqualTo("call_Qx7Lm2");
        assertThat(messages.at("/1/tool_calls/0/function/arguments").asText()).isEqualTo("{\"since\":\"2026-01-01\"}");
        assertThat(messages.at("/2/role").asText()).isEqualTo("tool");
        assertThat(messages.at("/2/tool_call_id").asText()).isEqualTo("call_Qx7Lm2");
        String forwardedOrders = toolMessageText(messages.get(2));
        assertThat(forwardedOrders).contains(ToolOutputs.FAILED_ORDER_ID).contains("card declined: insufficient funds");
        assertThat(forwardedOrders.length()).isLessThan(orders.length());
        assertThat(forwarded.path("tools").toString()).contains("list_orders");
    }

    @Test
    void openAiSdkSeesRateLimitAsItsRateLimitException() {
        proxy.provider.alwaysAnswer(FakeProvider.json(429, OpenAiWire.error(
                "Rate limit reached for gpt-4o in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1.",
                "requests", "rate_limit_exceeded")));

        assertThatThrownBy(() -> client.chat().completions().create(question("hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.getMessage()).contains("Rate limit reached for gpt-4o");
                    assertThat(e.code()).contains("rate_limit_exceeded");
                    assertThat(e.type()).contains("requests");
                });
        assertThat(proxy.provider.received()).hasSize(1 + ProxyUnderTest.PROXY_RETRIES);
    }

    @Test
    void openAiSdkSeesServerErrorAsItsInternalServerException() {
        proxy.provider.alwaysAnswer(FakeProvider.json(500, OpenAiWire.error(
                "The server had an error while processing your request. Sorry about that!", "server_error", null)));

        assertThatThrownBy(() -> client.chat().completions().create(question("hi").build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("The server had an error while processing your request");
                    assertThat(e.type()).contains("server_error");
                });
        assertThat(proxy.provider.received()).hasSize(1 + ProxyUnderTest.PROXY_RETRIES);
    }

    private static String toolMessageText(JsonNode message) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText()));
        return text.toString();
    }
}
