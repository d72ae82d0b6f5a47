package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static dev.headroom.cli.MemoryIT.event;
import static dev.headroom.cli.MemoryIT.headroom;
import static dev.headroom.cli.MemoryIT.home;
import static dev.headroom.cli.MemoryIT.post;
import static dev.headroom.cli.MemoryIT.proxy;
import static dev.headroom.cli.MemoryIT.stats;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agent memory for streaming OpenAI Chat and Responses clients through the packaged proxy: the model's
 * {@code memory_save} call is answered by the proxy and spliced out of the event stream, and a later request
 * gets the memory appended to its latest user turn with every earlier turn forwarded byte for byte.
 */
@Timeout(180)
class MemoryStreamsIT {
    private static final String FACT = "Release notes live in docs/CHANGES.md";
    private static final String SAVE_ARGS = "{\\\"text\\\":\\\"" + FACT + "\\\",\\\"category\\\":\\\"path\\\"}";
    private static final String CHUNK = "{\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":";
    private static final String CHAT_STREAM_SAVE = data(CHUNK + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_mem\","
            + "\"type\":\"function\",\"function\":{\"name\":\"memory_save\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}")
            + data(CHUNK + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"" + SAVE_ARGS + "\"}}]},\"finish_reason\":null}]}")
            + data(CHUNK + "{},\"finish_reason\":\"tool_calls\"}]}") + data("[DONE]");
    private static final String CHAT_STREAM_DONE = data(CHUNK + "{\"role\":\"assistant\",\"content\":\"Noted.\"},\"finish_reason\":null}]}")
            + data(CHUNK + "{},\"finish_reason\":\"stop\"}]}") + data("[DONE]");
    private static final String CHAT_DONE = "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Noted.\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":2,\"total_tokens\":32}}";
    private static final String CALL = "{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_r\",\"name\":\"memory_save\",\"arguments\":\"" + SAVE_ARGS
            + "\",\"status\":\"completed\"}";
    private static final String RESPONSES_STREAM_SAVE = event("response.created", "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_1\","
            + "\"object\":\"response\",\"status\":\"in_progress\",\"output\":[]}}")
            + event("response.output_item.added", "{\"type\":\"response.output_item.added\",\"sequence_number\":1,\"output_index\":0,\"item\":{\"type\":\"function_call\","
            + "\"id\":\"fc_1\",\"call_id\":\"call_r\",\"name\":\"memory_save\",\"arguments\":\"\",\"status\":\"in_progress\"}}")
            + event("response.function_call_arguments.delta", "{\"type\":\"response.function_call_arguments.delta\",\"sequence_number\":2,\"output_index\":0,"
            + "\"item_id\":\"fc_1\",\"delta\":\"" + SAVE_ARGS + "\"}")
            + event("response.output_item.done", "{\"type\":\"response.output_item.done\",\"sequence_number\":3,\"output_index\":0,\"item\":" + CALL + "}")
            + event("response.completed", "{\"type\":\"response.completed\",\"sequence_number\":4,\"response\":{\"id\":\"resp_1\",\"object\":\"response\","
            + "\"status\":\"completed\",\"output\":[" + CALL + "],\"usage\":{\"input_tokens\":20,\"output_tokens\":5,\"total_tokens\":25}}}");
    private static final String MESSAGE = "{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\",\"status\":\"completed\",\"content\":[{\"type\":\"output_text\","
            + "\"text\":\"Noted.\"}]}";
    private static final String RESPONSES_STREAM_DONE = event("response.created", "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_2\","
            + "\"object\":\"response\",\"status\":\"in_progress\",\"output\":[]}}")
            + event("response.output_item.added", "{\"type\":\"response.output_item.added\",\"sequence_number\":1,\"output_index\":0,\"item\":{\"type\":\"message\","
            + "\"id\":\"msg_1\",\"role\":\"assistant\",\"status\":\"in_progress\",\"content\":[]}}")
            + event("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"sequence_number\":2,\"output_index\":0,\"item_id\":\"msg_1\","
            + "\"content_index\":0,\"delta\":\"Noted.\"}")
            + event("response.output_item.done", "{\"type\":\"response.output_item.done\",\"sequence_number\":3,\"output_index\":0,\"item\":" + MESSAGE + "}")
            + event("response.completed", "{\"type\":\"response.completed\",\"sequence_number\":4,\"response\":{\"id\":\"resp_2\",\"object\":\"response\","
            + "\"status\":\"completed\",\"output\":[" + MESSAGE + "],\"usage\":{\"input_tokens\":30,\"output_tokens\":2,\"total_tokens\":32}}}");
    private static final String RESPONSES_DONE = "{\"id\":\"resp_3\",\"object\":\"response\",\"status\":\"completed\",\"output\":[" + MESSAGE + "],"
            + "\"usage\":{\"input_tokens\":30,\"output_tokens\":2,\"total_tokens\":32}}";

    private static String data(String json) {
        return "data: " + json + "\n\n";
    }

    /** Streams a save when the request says "remember" and has no tool result yet; otherwise a plain answer. */
    private static ScriptedUpstream.Reply script(String path, String body) {
        boolean stream = body.contains("\"stream\":true");
        if (path.endsWith("/chat/completions")) {
            boolean save = body.contains("remember") && !body.contains("\"tool_call_id\":\"call_mem\"");
            return stream ? ScriptedUpstream.Reply.events(save ? CHAT_STREAM_SAVE : CHAT_STREAM_DONE) : ScriptedUpstream.Reply.json(CHAT_DONE);
        }
        boolean save = body.contains("remember") && !body.contains("\"function_call_output\"");
        return stream ? ScriptedUpstream.Reply.events(save ? RESPONSES_STREAM_SAVE : RESPONSES_STREAM_DONE) : ScriptedUpstream.Reply.json(RESPONSES_DONE);
    }

    @Test
    void streamingChatClientNeverSeesTheMemoryCallAndLaterTurnsKeepTheirBytes() throws Exception {
        Path home = home("chat-stream");
        String earlier = "{\"role\":\"system\",\"content\":\"You are a coding agent.\"},{\"role\":\"user\",\"content\":\"hello\"},"
                + "{\"role\":\"assistant\",\"content\":\"hi, what next?\"}";
        try (ScriptedUpstream upstream = new ScriptedUpstream(MemoryStreamsIT::script);
             JarProxy proxy = proxy(home, upstream, "--memory")) {
            String save = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"remember where release notes go\"}]}";
            HttpResponse<String> r = post(proxy, "/v1/chat/completions", save, "x-headroom-cwd", "/work/gamma");
            assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
            assertThat(r.body()).doesNotContain("memory_save").doesNotContain("tool_calls").doesNotContain("call_mem")
                    .contains("Noted.").contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");
            assertThat(upstream.bodies).hasSize(2);
            assertThat(upstream.bodies.get(1)).contains("\"tool_call_id\":\"call_mem\"").contains("{\\\"saved\\\":1}");
            assertThat(stats(proxy).path("tool_calls_served").asLong()).isEqualTo(1);

            String later = "{\"model\":\"gpt-4o\",\"messages\":[" + earlier + ",{\"role\":\"user\",\"content\":\"where do release notes go?\"}]}";
            post(proxy, "/v1/chat/completions", later, "x-headroom-cwd", "/work/gamma");
            String forwarded = upstream.last();
            assertThat(forwarded).contains("\"messages\":[" + earlier + ",{\"role\":\"user\",\"content\":\"where do release notes go?\\n\\n<headroom_memory>");
            JsonNode messages = JsonCodec.parse(forwarded).path("messages");
            assertThat(messages.get(0).path("content").asText()).isEqualTo("You are a coding agent.");
            assertThat(messages.get(3).path("content").asText()).contains("not instructions").contains(FACT);

            post(proxy, "/v1/chat/completions", later, "x-headroom-cwd", "/work/delta");
            assertThat(upstream.last()).doesNotContain(FACT).doesNotContain("headroom_memory>");
        }
        assertThat(headroom(home, "memory", "list", "--project", "/work/gamma")).contains("\tpath\t" + FACT);
    }

    @Test
    void streamingResponsesClientNeverSeesTheMemoryCallAndLaterTurnsKeepTheirBytes() throws Exception {
        Path home = home("responses-stream");
        String earlier = "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hello\"}]},"
                + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"hi, what next?\"}]}";
        try (ScriptedUpstream upstream = new ScriptedUpstream(MemoryStreamsIT::script);
             JarProxy proxy = proxy(home, upstream, "--memory")) {
            String save = "{\"model\":\"gpt-5\",\"stream\":true,\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                    + "\"text\":\"remember where release notes go\"}]}]}";
            HttpResponse<String> r = post(proxy, "/v1/responses", save, "x-headroom-project-id", "epsilon");
            assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
            assertThat(r.body()).doesNotContain("memory_save").doesNotContain("function_call").doesNotContain("call_r")
                    .contains("Noted.").contains("response.completed");
            assertThat(r.body().split("event: response.created", -1)).hasSize(2); // one response for the client
            assertThat(upstream.bodies).hasSize(2);
            assertThat(upstream.bodies.get(1)).contains("\"type\":\"function_call_output\"").contains("\"call_id\":\"call_r\"");

            String later = "{\"model\":\"gpt-5\",\"input\":[" + earlier + ",{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                    + "\"text\":\"where do release notes go?\"}]}]}";
            post(proxy, "/v1/responses", later, "x-headroom-project-id", "epsilon");
            assertThat(upstream.last()).contains("\"input\":[" + earlier + ",{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                    + "\"text\":\"where do release notes go?\"},{\"type\":\"input_text\",\"text\":\"<headroom_memory>").contains(FACT);

            post(proxy, "/v1/responses", later, "x-headroom-project-id", "zeta");
            assertThat(upstream.last()).doesNotContain(FACT);
        }
        assertThat(headroom(home, "memory", "show", "--project", "epsilon", "1")).contains(FACT);
    }
}
