package dev.headroom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code wrap --dry-run}, {@code unwrap} and doctor's wrap lines, in process with a chosen environment. */
class WrapCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out) {
    }

    private static Run run(Callable<Integer> command, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return new Run(cl.execute(args), out.toString());
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.toString());
        env.put("PATH", dir.resolve("bin").toString());
        return env;
    }

    private static String freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return Integer.toString(s.getLocalPort());
        }
    }

    @Test
    void dryRunForCodexShowsTheProviderOverridesAndMasksTheToken() throws Exception {
        Map<String, String> env = env();
        env.put("HEADROOM_PROXY_TOKEN", "tok-secret-123456");
        env.put("OPENAI_API_KEY", "sk-proj-abcdefghijkl");
        String port = freePort();
        Run run = run(new WrapCommand(env), "--dry-run", "--port", port, "codex", "--", "exec", "hi there");
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("proxy: start ").contains(" proxy --host 127.0.0.1 --port " + port)
                .contains("env: OPENAI_BASE_URL=http://127.0.0.1:" + port + "/v1")
                .contains("-c 'model_provider=\"headroom\"'")
                .contains("base_url=\"http://127.0.0.1:" + port + "/v1\",wire_api=\"responses\",env_key=\"OPENAI_API_KEY\"")
                .contains("env_http_headers={\"x-headroom-token\"=\"HEADROOM_PROXY_TOKEN\"}")
                .contains("exec 'hi there'").contains("(codex is not on PATH)")
                .doesNotContain("tok-secret-123456").doesNotContain("sk-proj-abcdefghijkl");
        assertThat(dir.resolve(".headroom")).as("a dry run writes nothing").doesNotExist();
    }

    @Test
    void dryRunForClaudeSetsTheBaseUrlAndSendsTheTokenAsACustomHeader() throws Exception {
        Map<String, String> env = env();
        env.put("HEADROOM_PROXY_TOKEN", "tok-secret-123456");
        String port = freePort();
        Run run = run(new WrapCommand(env), "--dry-run", "--port", port, "claude", "--", "-p", "hi");
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("env: ANTHROPIC_BASE_URL=http://127.0.0.1:" + port + "\n")
                .contains("env: ANTHROPIC_CUSTOM_HEADERS=x-headroom-token: ****").contains("run: claude -p hi")
                .doesNotContain("tok-secret-123456");
    }

    @Test
    void refusesAnUnknownToolAndAMissingProxyWithNoProxyStart() throws Exception {
        assertThat(run(new WrapCommand(env()), "vim").out()).contains("unknown tool 'vim'; wrap knows claude|codex|aider|opencode|goose");
        Files.createDirectories(dir.resolve("bin"));
        Path claude = dir.resolve("bin/claude");
        Files.writeString(claude, "#!/bin/sh\nexit 0\n");
        claude.toFile().setExecutable(true);
        Run run = run(new WrapCommand(env()), "--no-proxy-start", "--port", freePort(), "claude");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("no proxy answers on http://127.0.0.1:").contains("(--no-proxy-start)");
        assertThat(run(new WrapCommand(env()), "--port", freePort(), "goose").exit()).as("goose not on PATH").isEqualTo(127);
    }

    @Test
    void unwrapSaysSoWhenNothingWasWritten() {
        Run run = run(new UnwrapCommand(env()));
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Nothing to unwrap: no records in " + dir.resolve(".headroom/wrap"));
    }

    @Test
    void doctorReportsAndUnwrapRemovesARecordLeftByAKilledWrap() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path record = new WrapRecords(env()).write("claude", 18787, gone.toHandle(), dir.resolve("log"));
        // the wrap that wrote it is "dead" too: rewrite its pid
        Files.writeString(record, Files.readString(record).replaceAll("\"wrap_pid\":\\d+", "\"wrap_pid\":" + gone.pid()));
        assertThat(WrapCheck.checks(env())).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(DoctorCheck.Status.WARNING);
            assertThat(c.line()).contains("headroom wrap claude left a record of a proxy on port 18787 that no longer runs")
                    .contains("headroom unwrap removes it");
        });
        Run run = run(new UnwrapCommand(env()));
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("removed " + record);
        assertThat(dir.resolve(".headroom/wrap")).doesNotExist();
        assertThat(WrapCheck.checks(env())).isEmpty();
        Map<String, String> inside = env();
        inside.put("HEADROOM_WRAPPED", "codex");
        assertThat(WrapCheck.checks(inside)).singleElement().extracting(DoctorCheck::line)
                .isEqualTo("✓ running inside headroom wrap codex");
    }
}
