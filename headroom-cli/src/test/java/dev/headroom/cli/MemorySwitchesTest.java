package dev.headroom.cli;

import dev.headroom.memory.agent.MemorySettings;
import dev.headroom.memory.agent.MemoryStorage;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The memory switches of {@code proxy} and the {@code headroom memory} help. */
class MemorySwitchesTest {

    private static ProxyCommand parse(String... args) {
        ProxyCommand command = new ProxyCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void memoryIsOffByDefaultAndLearnImpliesIt() {
        assertThat(parse().memorySwitches.settings(false).enabled()).isFalse();
        MemorySettings learn = parse("--learn", "--min-evidence", "3").memorySwitches.settings(false);
        assertThat(learn.enabled()).isTrue();
        assertThat(learn.learn()).isTrue();
        assertThat(learn.minEvidence()).isEqualTo(3);
    }

    @Test
    void statelessTurnsMemoryAndLearningOff() {
        MemorySettings s = parse("--memory", "--learn").memorySwitches.settings(true);
        assertThat(s.enabled()).isFalse();
        assertThat(s.learn()).isFalse();
    }

    @Test
    void readsStorageTopKAndTheNoSwitches() {
        MemorySettings s = parse("--memory", "--memory-storage", "global", "--memory-top-k", "3", "--no-memory-tools",
                "--no-memory-context").memorySwitches.settings(false);
        assertThat(s.storage()).isEqualTo(MemoryStorage.GLOBAL);
        assertThat(s.topK()).isEqualTo(3);
        assertThat(s.tools()).isFalse();
        assertThat(s.context()).isFalse();
        assertThat(parse("--memory").memorySwitches.settings(false).storage()).isEqualTo(MemoryStorage.PROJECT);
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThat(parse("--memory-storage", "team").memorySwitches.conflict()).contains(
                "memory storage must be project, user or global, got 'team'");
        assertThat(parse("--memory-top-k", "-1").memorySwitches.conflict().orElseThrow()).contains("top-k");
        assertThat(parse("--min-evidence", "0").memorySwitches.conflict().orElseThrow()).contains("min evidence");
        CompressCommandTest.Run run = CompressCommandTest.run(null, "proxy", "--memory-storage", "team", "--port", "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("memory storage must be project, user or global");
    }

    @Test
    void proxyHelpListsTheMemorySwitchesWithTheirVariables() {
        String help = CompressCommandTest.run(null, "proxy", "--help").out().replaceAll("\\s+", " ");
        assertThat(help).contains("--[no-]memory").contains("HEADROOM_MEMORY=1").contains("--memory-storage")
                .contains("HEADROOM_MEMORY_STORAGE").contains("--memory-top-k=N").contains("HEADROOM_MEMORY_TOP_K")
                .contains("--no-memory-tools").contains("HEADROOM_NO_MEMORY_TOOLS").contains("--no-memory-context")
                .contains("HEADROOM_NO_MEMORY_CONTEXT").contains("--[no-]learn").contains("HEADROOM_LEARN")
                .contains("--min-evidence=N").contains("HEADROOM_MIN_EVIDENCE");
    }

    @Test
    void memoryHelpListsItsSubcommands() {
        CompressCommandTest.Run run = CompressCommandTest.run(null, "memory", "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("list").contains("search").contains("show").contains("edit").contains("delete")
                .contains("export").contains("import").contains("prune").contains("--storage");
        assertThat(CompressCommandTest.run(null, "memory", "list", "--help").out()).contains("--project").contains("--storage");
    }
}
