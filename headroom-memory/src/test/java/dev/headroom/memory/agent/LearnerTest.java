package dev.headroom.memory.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.WireFormat;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LearnerTest {

    private static ObjectNode conversation(String id, String command, String output, String id2, String command2, String output2) {
        return (ObjectNode) JsonCodec.parse("{\"messages\":[{\"role\":\"user\",\"content\":\"build it\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"Bash\",\"input\":{\"command\":\"" + command + "\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + id + "\",\"content\":\"" + output + "\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + id2 + "\",\"name\":\"Bash\",\"input\":{\"command\":\"" + command2 + "\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + id2 + "\",\"content\":\"" + output2 + "\"}]}]}");
    }

    @Test
    void savesALearnedCommandOnlyAfterEnoughDistinctSightings() throws Exception {
        Path f = Files.createDirectories(Path.of("target", "learner-test")).resolve("learn.db");
        for (String s : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(f + s));
        }
        try (MemoryStore store = MemoryStore.open(f, "user", Clock.systemUTC())) {
            Learner learner = new Learner(3);
            for (int turn = 1; turn <= 2; turn++) {
                ObjectNode c = conversation("a" + turn, "mvn -q verify", "BUILD FAILURE", "b" + turn, "mvn -q -o verify", "BUILD SUCCESS");
                learner.observe(c, WireFormat.ANTHROPIC_MESSAGES, store);
                learner.observe(c, WireFormat.ANTHROPIC_MESSAGES, store); // the same calls resent: no new evidence
            }
            assertThat(store.count()).isZero();
            learner.observe(conversation("a3", "mvn -q verify", "BUILD FAILURE", "b3", "mvn -q -o verify", "BUILD SUCCESS"),
                    WireFormat.ANTHROPIC_MESSAGES, store);
            assertThat(store.list(10, 0)).extracting(Memory::text).containsExactly(
                    "`mvn -q verify` failed; `mvn -q -o verify` worked instead",
                    "Test command that works: `mvn -q -o verify`",
                    "Package manager / build tool: mvn");
            assertThat(store.list(10, 0)).allMatch(Memory::learned);
            assertThat(learner.saved()).isEqualTo(3);
        }
    }

    @Test
    void readsCodexShellCalls() {
        ObjectNode r = (ObjectNode) JsonCodec.parse("{\"input\":[{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"shell\","
                + "\"arguments\":\"{\\\"command\\\":[\\\"bash\\\",\\\"-lc\\\",\\\"cargo test\\\"]}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"test result: ok. 3 passed\"}]}");
        assertThat(Learner.runs(r, WireFormat.OPENAI_RESPONSES)).containsExactly(new Learner.Run("c1", "cargo test", false));
    }
}
