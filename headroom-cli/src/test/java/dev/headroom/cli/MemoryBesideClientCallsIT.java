package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static dev.headroom.cli.MemoryIT.anthropic;
import static dev.headroom.cli.MemoryIT.event;
import static dev.headroom.cli.MemoryIT.headroom;
import static dev.headroom.cli.MemoryIT.home;
import static dev.headroom.cli.MemoryIT.post;
import static dev.headroom.cli.MemoryIT.proxy;
import static dev.headroom.cli.MemoryIT.stats;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answer that calls {@code memory_save} and one of the client's own tools goes to the client (it must run
 * its tool), without the memory call, and the save is still performed: the model's memory is not lost.
 */
@Timeout(180)
class MemoryBesideClientCallsIT {
    private static final String FACT = "Lint with ./gradlew spotlessApply";
    private static final String SAVE_ARGS = "{\\\"text\\\":\\\"" + FACT + "\\\"}";
    private static final String BOTH = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":["
            + "{\"type\":\"text\",\"text\":\"Saving, then linting.\"},"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_mem\",\"name\":\"memory_save\",\"input\":{\"text\":\"" + FACT + "\"}},"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_bash\",\"name\":\"Bash\",\"input\":{\"command\":\"./gradlew spotlessApply\"}}],"
            + "\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":20,\"output_tokens\":9}}";
    private static final String BOTH_STREAM = event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\",\"stop_reason\":null,\"usage\":{\"input_tokens\":20,\"output_tokens\":1}}}")
            + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_mem\",\"name\":\"memory_save\",\"input\":{}}}")
            + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"" + SAVE_ARGS + "\"}}")
            + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
            + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_bash\",\"name\":\"Bash\",\"input\":{}}}")
            + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"command\\\":\\\"ls\\\"}\"}}")
            + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}")
            + event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":9}}")
            + event("message_stop", "{\"type\":\"message_stop\"}");
    private static final String CHAT_BOTH = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":null,\"tool_calls\":[{\"id\":\"call_mem\",\"type\":\"function\",\"function\":{\"name\":\"memory_save\",\"arguments\":\"" + SAVE_ARGS + "\"}},"
            + "{\"id\":\"call_sh\",\"type\":\"function\",\"function\":{\"name\":\"shell\",\"arguments\":\"{\\\"command\\\":\\\"ls\\\"}\"}}]},"
            + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":9,\"total_tokens\":29}}";

    private static ScriptedUpstream.Reply script(String path, String body) {
        if (path.endsWith("/chat/completions")) {
            return ScriptedUpstream.Reply.json(CHAT_BOTH);
        }
        return body.contains("\"stream\":true") ? ScriptedUpstream.Reply.events(BOTH_STREAM) : ScriptedUpstream.Reply.json(BOTH);
    }

    @Test
    void wholeAnswerGoesToTheClientWithoutTheMemoryCallAndTheSaveIsKept() throws Exception {
        Path home = home("beside");
        try (ScriptedUpstream upstream = new ScriptedUpstream(MemoryBesideClientCallsIT::script);
             JarProxy proxy = proxy(home, upstream, "--memory")) {
            HttpResponse<String> r = post(proxy, "/v1/messages", anthropic("/work/lint", "lint it", false));
            JsonNode answer = JsonCodec.parse(r.body());
            assertThat(answer.path("content")).extracting(b -> b.path("type").asText() + ":" + b.path("name").asText(""))
                    .containsExactly("text:", "tool_use:Bash");
            assertThat(answer.path("stop_reason").asText()).isEqualTo("tool_use");
            assertThat(r.body()).doesNotContain("memory_save").doesNotContain("toolu_mem");
            assertThat(upstream.bodies).hasSize(1); // no continuation: the client must run Bash first

            HttpResponse<String> c = post(proxy, "/v1/chat/completions",
                    "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"lint it\"}]}", "x-headroom-project-id", "chat-lint");
            JsonNode message = JsonCodec.parse(c.body()).path("choices").get(0).path("message");
            assertThat(message.path("tool_calls")).extracting(t -> t.path("id").asText()).containsExactly("call_sh");
            assertThat(c.body()).doesNotContain("memory_save");
            assertThat(stats(proxy).path("tool_calls_applied_beside_client_calls").asLong()).isEqualTo(2);
        }
        assertThat(headroom(home, "memory", "list", "--project", "/work/lint")).contains(FACT);
        assertThat(headroom(home, "memory", "list", "--project", "chat-lint")).contains(FACT);
    }

    @Test
    void streamedAnswerGoesToTheClientWithoutTheMemoryCallAndTheSaveIsKept() throws Exception {
        Path home = home("beside-stream");
        try (ScriptedUpstream upstream = new ScriptedUpstream(MemoryBesideClientCallsIT::script);
             JarProxy proxy = proxy(home, upstream, "--memory")) {
            HttpResponse<String> r = post(proxy, "/v1/messages", anthropic("/work/lint", "lint it", true));
            assertThat(r.body()).doesNotContain("memory_save").doesNotContain("toolu_mem").contains("toolu_bash")
                    .contains("\"stop_reason\":\"tool_use\"")
                    .contains("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_bash\"");
            assertThat(upstream.bodies).hasSize(1);
        }
        assertThat(headroom(home, "memory", "list", "--project", "/work/lint")).contains(FACT);
    }
}
