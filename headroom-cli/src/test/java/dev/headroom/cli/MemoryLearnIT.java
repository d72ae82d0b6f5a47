package dev.headroom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;

import static dev.headroom.cli.MemoryIT.headroom;
import static dev.headroom.cli.MemoryIT.home;
import static dev.headroom.cli.MemoryIT.post;
import static dev.headroom.cli.MemoryIT.proxy;
import static dev.headroom.cli.MemoryIT.stats;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code proxy --learn} through the packaged proxy: tool results of an agent's shell runs that show the same
 * failed command → working command pair become learned memories only once {@code --min-evidence} distinct runs
 * showed them, and those memories are marked learned and reach later requests of the same project.
 */
@Timeout(180)
class MemoryLearnIT {
    private static final String DONE = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"Built.\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":30,\"output_tokens\":2}}";
    private static final String FIX = "`./mvnw verify` failed; `./mvnw -o verify` worked instead";
    private static final String TEST_COMMAND = "Test command that works: `./mvnw -o verify`";

    /** One agent session: {@code ./mvnw verify} fails, {@code ./mvnw -o verify} succeeds (tool call ids unique per session). */
    private static String session(int n) {
        String failed = "toolu_fail_" + n;
        String worked = "toolu_ok_" + n;
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"system\":\"You are Claude Code.\\nWorking directory: /work/learn\","
                + "\"tools\":[{\"name\":\"Bash\",\"description\":\"run\",\"input_schema\":{\"type\":\"object\"}}],\"messages\":["
                + "{\"role\":\"user\",\"content\":\"build the project (session " + n + ")\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + failed + "\",\"name\":\"Bash\",\"input\":{\"command\":\"./mvnw verify\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + failed + "\",\"content\":\"[ERROR] Could not resolve "
                + "dependencies\\nBUILD FAILURE\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + worked + "\",\"name\":\"Bash\",\"input\":{\"command\":\"./mvnw -o verify\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + worked + "\",\"content\":\"Tests run: 12\\nBUILD SUCCESS\"}]}]}";
    }

    @Test
    void errorFixPairIsLearnedOnlyAfterMinEvidenceSightings() throws Exception {
        Path home = home("learn");
        try (ScriptedUpstream upstream = new ScriptedUpstream((path, body) -> ScriptedUpstream.Reply.json(DONE));
             JarProxy proxy = proxy(home, upstream, "--learn", "--min-evidence", "3")) {
            post(proxy, "/v1/messages", session(1));
            post(proxy, "/v1/messages", session(1)); // the same conversation resent: its runs count once
            post(proxy, "/v1/messages", session(2));
            assertThat(stats(proxy).path("learned_saved").asLong()).isZero();
            assertThat(headroom(home, "memory", "list", "--project", "/work/learn")).isBlank();

            post(proxy, "/v1/messages", session(3));
            assertThat(stats(proxy).path("learn").asBoolean()).isTrue();
            assertThat(stats(proxy).path("learned_saved").asLong()).isGreaterThanOrEqualTo(2);
            String listed = headroom(home, "memory", "list", "--project", "/work/learn");
            assertThat(listed).contains("fix (learned)\t" + FIX).contains("command (learned)\t" + TEST_COMMAND);
            assertThat(headroom(home, "memory", "list", "--project", "/work/other")).isBlank();

            String session4 = session(4);
            post(proxy, "/v1/messages", session4.substring(0, session4.length() - 2)
                    + ",{\"role\":\"assistant\",\"content\":\"Built.\"},{\"role\":\"user\",\"content\":\"how do I verify offline?\"}]}");
            assertThat(upstream.last()).contains("<headroom_memory>").contains("(fix, learned)");
        }
        assertThat(headroom(home, "memory", "search", "--project", "/work/learn", "verify")).contains(FIX);
    }
}
