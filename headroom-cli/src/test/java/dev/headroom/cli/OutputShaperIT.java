package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.shaper.OutputShaper;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The output shaper through the packaged {@code headroom.jar proxy}, between a real client and a real upstream on
 * loopback: what the upstream receives for each wire format, with the shaper on (by environment or flags), off,
 * and bypassed.
 */
@Timeout(120)
class OutputShaperIT {
    private static final String L2 = OutputShaper.instruction(2);
    private static final String ANTHROPIC_HEAD = "{\"model\":\"claude-opus-4-5\",\"max_tokens\":32000,"
            + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":16000},\"output_config\":{\"effort\":\"high\"},"
            + "\"system\":[{\"type\":\"text\",\"text\":\"You are Claude Code.\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}},"
            + "{\"type\":\"text\",\"text\":\"Project rules.\",\"cache_control\":{\"type\":\"ephemeral\"}}";
    private static final String ANTHROPIC_QUESTION = ANTHROPIC_HEAD + "],\"messages\":[{\"role\":\"user\",\"content\":\"why does the build fail?\"}]}";
    private static final String ANTHROPIC_CONTINUATION = ANTHROPIC_HEAD + "],\"messages\":["
            + "{\"role\":\"user\",\"content\":\"why does the build fail?\"},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Bash\",\"input\":{\"command\":\"ls\"}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"pom.xml\\nsrc\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]}";
    private static final String ANTHROPIC_ERROR = ANTHROPIC_CONTINUATION.replace("\"tool_use_id\":\"t1\",", "\"tool_use_id\":\"t1\",\"is_error\":true,");
    private static final String CHAT_HEAD = "{\"model\":\"o3\",\"reasoning_effort\":\"high\",\"messages\":[{\"role\":\"system\",\"content\":\"Be helpful.\"},"
            + "{\"role\":\"user\",\"content\":\"list the files\"}";
    private static final String CHAT_QUESTION = CHAT_HEAD + "]}";
    private static final String CHAT_CONTINUATION = CHAT_HEAD
            + ",{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"ls\",\"arguments\":\"{}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"pom.xml\"}]}";
    private static final String RESPONSES_QUESTION = "{\"model\":\"gpt-5-codex\",\"instructions\":\"You are Codex.\",\"reasoning\":{\"effort\":\"high\"},"
            + "\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"run the tests\"}]}]}";
    private static final String RESPONSES_CONTINUATION = RESPONSES_QUESTION.replace("}]}]}", "}]},"
            + "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"shell\",\"arguments\":\"{}\"},"
            + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"12 tests passed\"}]}");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static JarProxy proxy(CapturingUpstream upstream, Map<String, String> env, String... args) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "shaper-home").toAbsolutePath();
        List<String> all = new ArrayList<>(List.of("--stateless", "--no-cache", "--anthropic-api-url", upstream.url(),
                "--openai-api-url", upstream.url(), "--output-holdout", "0")); // every conversation shaped (OutputHoldoutIT holds some out)
        all.addAll(List.of(args));
        return JarProxy.start(home, env, all.toArray(String[]::new));
    }

    private HttpResponse<String> post(JarProxy proxy, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(proxy.base() + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (path.startsWith("/v1/messages")) {
            b.header("x-api-key", "sk-ant-test-key").header("anthropic-version", "2023-06-01");
        } else {
            b.header("authorization", "Bearer sk-test-key");
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** The body the upstream received last. */
    private static String forwarded(CapturingUpstream upstream) {
        return upstream.lastBody();
    }

    /** The body the upstream received for the request whose answer is {@code answered} (sent just before). */
    private static String forwardedFor(CapturingUpstream upstream, HttpResponse<String> answered) {
        return upstream.lastBody();
    }

    private static int occurrences(String haystack, String needle) {
        return haystack.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void shaperFromTheEnvironmentAppendsTheInstructionLastAndOnceInEveryWireFormat() throws Exception {
        try (CapturingUpstream upstream = new CapturingUpstream();
             JarProxy proxy = proxy(upstream, Map.of("HEADROOM_OUTPUT_SHAPER", "1"))) {
            HttpResponse<String> answer = post(proxy, "/v1/messages", ANTHROPIC_QUESTION);
            String anthropic = forwarded(upstream);
            String chat = forwardedFor(upstream, post(proxy, "/v1/chat/completions", CHAT_QUESTION));
            String responses = forwardedFor(upstream, post(proxy, "/v1/responses", RESPONSES_QUESTION));

            String block = "{\"type\":\"text\",\"text\":\"" + L2 + "\"}";
            assertThat(anthropic).as("after both system breakpoints, every earlier byte as sent")
                    .isEqualTo(ANTHROPIC_HEAD + "," + block + "],\"messages\":[{\"role\":\"user\",\"content\":\"why does the build fail?\"}]}");
            assertThat(occurrences(anthropic, "cache_control")).as("no breakpoint added").isEqualTo(2);
            assertThat(chat).isEqualTo(CHAT_HEAD + ",{\"role\":\"system\",\"content\":\"" + L2 + "\"}]}");
            assertThat(responses).isEqualTo(RESPONSES_QUESTION.replace("You are Codex.", "You are Codex.\\n\\n" + L2));
            assertThat(answer.headers().firstValue("x-headroom-transforms")).hasValue("output_shaper:verbosity:L2");
            assertThat(proxy.banner()).contains("output shaper: verbosity L2; effort router: on, mechanical effort low");

            // a client that resends what was forwarded: the instruction is not added a second time
            post(proxy, "/v1/messages", anthropic);
            assertThat(forwarded(upstream)).isEqualTo(anthropic);
            post(proxy, "/v1/chat/completions", chat);
            assertThat(occurrences(forwarded(upstream), L2)).isEqualTo(1);
            post(proxy, "/v1/responses", responses);
            assertThat(forwarded(upstream)).isEqualTo(responses);
        }
    }

    @Test
    void effortIsLoweredOnlyOnToolContinuations() throws Exception {
        try (CapturingUpstream upstream = new CapturingUpstream();
             JarProxy proxy = proxy(upstream, Map.of("HEADROOM_OUTPUT_SHAPER", "1"))) {
            HttpResponse<String> continued = post(proxy, "/v1/messages", ANTHROPIC_CONTINUATION);
            JsonNode anthropic = JsonCodec.parse(forwarded(upstream));
            JsonNode anthropicQuestion = JsonCodec.parse(forwardedFor(upstream, post(proxy, "/v1/messages", ANTHROPIC_QUESTION)));
            JsonNode anthropicError = JsonCodec.parse(forwardedFor(upstream, post(proxy, "/v1/messages", ANTHROPIC_ERROR)));
            JsonNode chat = JsonCodec.parse(forwardedFor(upstream, post(proxy, "/v1/chat/completions", CHAT_CONTINUATION)));
            JsonNode chatQuestion = JsonCodec.parse(forwardedFor(upstream, post(proxy, "/v1/chat/completions", CHAT_QUESTION)));
            JsonNode responses = JsonCodec.parse(forwardedFor(upstream, post(proxy, "/v1/responses", RESPONSES_CONTINUATION)));
            JsonNode responsesQuestion = JsonCodec.parse(forwardedFor(upstream, post(proxy, "/v1/responses", RESPONSES_QUESTION)));

            assertThat(anthropic.at("/output_config/effort").asText()).isEqualTo("low");
            assertThat(anthropic.at("/thinking/budget_tokens").asInt()).isEqualTo(1024);
            assertThat(anthropic.at("/thinking/type").asText()).isEqualTo("enabled");
            assertThat(continued.headers().firstValue("x-headroom-transforms"))
                    .hasValue("output_shaper:verbosity:L2,output_shaper:effort:high->low,output_shaper:thinking_budget->1024");
            assertThat(anthropicQuestion.at("/output_config/effort").asText()).isEqualTo("high");
            assertThat(anthropicQuestion.at("/thinking/budget_tokens").asInt()).isEqualTo(16000);
            assertThat(anthropicError.at("/output_config/effort").asText()).as("an error result keeps full effort").isEqualTo("high");
            assertThat(chat.path("reasoning_effort").asText()).isEqualTo("low");
            assertThat(chatQuestion.path("reasoning_effort").asText()).isEqualTo("high");
            assertThat(responses.at("/reasoning/effort").asText()).isEqualTo("low");
            assertThat(responsesQuestion.at("/reasoning/effort").asText()).isEqualTo("high");
        }
    }

    @Test
    void flagsSetTheLevelAndTurnEffortRoutingOff() throws Exception {
        try (CapturingUpstream upstream = new CapturingUpstream();
             JarProxy proxy = proxy(upstream, Map.of(), "--output-shaper", "--verbosity-level", "4", "--no-effort-router")) {
            HttpResponse<String> answer = post(proxy, "/v1/messages", ANTHROPIC_CONTINUATION);
            JsonNode out = JsonCodec.parse(forwarded(upstream));

            assertThat(out.at("/system/2/text").asText()).isEqualTo(OutputShaper.instruction(4));
            assertThat(out.at("/output_config/effort").asText()).isEqualTo("high");
            assertThat(answer.headers().firstValue("x-headroom-transforms")).hasValue("output_shaper:verbosity:L4");
        }
    }

    @Test
    void nothingIsShapedByDefaultOrOnBypass() throws Exception {
        try (CapturingUpstream upstream = new CapturingUpstream()) {
            try (JarProxy defaults = proxy(upstream, Map.of())) {
                for (String[] request : new String[][] {{"/v1/messages", ANTHROPIC_CONTINUATION},
                        {"/v1/chat/completions", CHAT_CONTINUATION}, {"/v1/responses", RESPONSES_CONTINUATION}}) {
                    HttpResponse<String> answer = post(defaults, request[0], request[1]);
                    assertThat(forwarded(upstream)).isEqualTo(request[1]);
                    assertThat(answer.headers().firstValue("x-headroom-transforms")).isEmpty();
                }
                assertThat(defaults.banner()).contains("output shaper: off; effort router: off");
            }
            try (JarProxy shaping = proxy(upstream, Map.of("HEADROOM_OUTPUT_SHAPER", "1"))) {
                post(shaping, "/v1/messages", ANTHROPIC_CONTINUATION, "x-headroom-bypass", "true");
                assertThat(forwarded(upstream)).isEqualTo(ANTHROPIC_CONTINUATION);
                post(shaping, "/v1/messages/count_tokens", ANTHROPIC_QUESTION);
                assertThat(forwarded(upstream)).as("count_tokens is not shaped").isEqualTo(ANTHROPIC_QUESTION);
            }
        }
    }

    @Test
    void theSameConversationIsForwardedAsTheSameBytesEveryTurn() throws Exception {
        try (CapturingUpstream upstream = new CapturingUpstream();
             JarProxy proxy = proxy(upstream, Map.of("HEADROOM_OUTPUT_SHAPER", "1"))) {
            post(proxy, "/v1/messages", ANTHROPIC_CONTINUATION);
            String first = forwarded(upstream);
            post(proxy, "/v1/messages", ANTHROPIC_CONTINUATION);
            assertThat(forwarded(upstream)).isEqualTo(first);
            assertThat(first.getBytes(StandardCharsets.UTF_8)).isNotEqualTo(ANTHROPIC_CONTINUATION.getBytes(StandardCharsets.UTF_8));
        }
    }
}
