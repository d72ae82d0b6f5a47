package dev.headroom.examples.sdk;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlock;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

import java.util.stream.Collectors;

/**
 * The official Anthropic and OpenAI Java SDKs, unmodified, sending their requests through the Headroom
 * proxy. The only change from a direct setup is the base URL: the proxy's root for Anthropic, the proxy's
 * {@code /v1} for OpenAI. Keys are passed through to the provider untouched.
 *
 * <p>Run it against a running proxy ({@code java -jar headroom.jar proxy}):
 * <pre>{@code
 * ANTHROPIC_API_KEY=sk-ant-... OPENAI_API_KEY=sk-... \
 *   mvn -q -pl examples/official-sdk-clients exec:java -Dexec.args="Say hello in five words"
 * }</pre>
 * {@code HEADROOM_URL} overrides the proxy address (default {@code http://localhost:8787}). The SDKs'
 * own {@code fromEnv()} builders work as well: set {@code ANTHROPIC_BASE_URL=http://localhost:8787} and
 * {@code OPENAI_BASE_URL=http://localhost:8787/v1}.
 */
public final class OfficialSdkClients {
    /** The standalone proxy's default address. */
    public static final String DEFAULT_PROXY_URL = "http://localhost:8787";

    private OfficialSdkClients() {
    }

    /** An Anthropic client that talks to the proxy at {@code proxyUrl} instead of the Anthropic API. */
    public static AnthropicClient anthropicThroughProxy(String proxyUrl, String apiKey) {
        return AnthropicOkHttpClient.builder().baseUrl(proxyUrl).apiKey(apiKey).build();
    }

    /** An OpenAI client that talks to the proxy at {@code proxyUrl} (its {@code /v1}) instead of the OpenAI API. */
    public static OpenAIClient openAiThroughProxy(String proxyUrl, String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(proxyUrl + "/v1").apiKey(apiKey).build();
    }

    /** Asks Claude one question and returns the text of its answer. */
    public static String askClaude(AnthropicClient client, String model, String prompt) {
        Message message = client.messages().create(MessageCreateParams.builder()
                .model(model).maxTokens(1024).addUserMessage(prompt).build());
        return message.content().stream().flatMap(block -> block.text().stream())
                .map(TextBlock::text).collect(Collectors.joining());
    }

    /** Asks a GPT model one question and returns the text of its answer. */
    public static String askGpt(OpenAIClient client, String model, String prompt) {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(model).addUserMessage(prompt).build());
        return completion.choices().get(0).message().content().orElse("");
    }

    /** Sends the prompt (the arguments) through the proxy with each SDK whose key is set. */
    public static void main(String[] args) {
        String proxyUrl = System.getenv().getOrDefault("HEADROOM_URL", DEFAULT_PROXY_URL);
        String prompt = args.length > 0 ? String.join(" ", args) : "Say hello in five words.";
        String anthropicKey = System.getenv("ANTHROPIC_API_KEY");
        String openAiKey = System.getenv("OPENAI_API_KEY");
        if (anthropicKey == null && openAiKey == null) {
            System.err.println("Set ANTHROPIC_API_KEY and/or OPENAI_API_KEY; requests go through " + proxyUrl);
            System.exit(2);
        }
        if (anthropicKey != null) {
            AnthropicClient claude = anthropicThroughProxy(proxyUrl, anthropicKey);
            try {
                System.out.println("claude: " + askClaude(claude, "claude-sonnet-4-5", prompt));
            } finally {
                claude.close();
            }
        }
        if (openAiKey != null) {
            OpenAIClient gpt = openAiThroughProxy(proxyUrl, openAiKey);
            try {
                System.out.println("gpt:    " + askGpt(gpt, "gpt-4o", prompt));
            } finally {
                gpt.close();
            }
        }
    }
}
