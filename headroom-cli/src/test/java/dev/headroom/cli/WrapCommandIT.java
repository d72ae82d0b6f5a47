package dev.headroom.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code headroom wrap} from the packaged jar with the real Claude Code and Codex CLIs (pinned, from npm), run
 * non-interactively against a fake upstream that only the proxy knows about: the episode completes through the
 * proxy, the tool's exit code comes back, and no proxy process is left behind.
 */
@Timeout(300)
class WrapCommandIT {
    private static final String ANSWER = "WRAPPED-EPISODE-OK";

    @TempDir
    Path dir;
    private FakeModels upstream;
    private int port;

    record Run(int exit, String output) {
    }

    @BeforeEach
    void start() throws IOException {
        upstream = new FakeModels(ANSWER);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    private Map<String, String> env(Path bin) throws IOException {
        Files.createDirectories(dir.resolve("codex-home"));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.resolve("home").toString());
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("ANTHROPIC_TARGET_API_URL", upstream.url());
        env.put("OPENAI_TARGET_API_URL", upstream.url());
        env.put("ANTHROPIC_API_KEY", "sk-ant-wrap-test-key");
        env.put("OPENAI_API_KEY", "sk-wrap-test-key");
        env.put("CLAUDE_CONFIG_DIR", dir.resolve("claude-config").toString());
        env.put("CODEX_HOME", dir.resolve("codex-home").toString());
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        return env;
    }

    private Process startWrap(Map<String, String> env, Path output, String... args) throws IOException {
        Path jar = Path.of("target", "headroom.jar").toAbsolutePath();
        assertThat(jar).as("run the package phase first").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "wrap"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        Files.createDirectories(dir.resolve("work"));
        return pb.directory(dir.resolve("work").toFile()).start();
    }

    private Run wrap(Map<String, String> env, String... args) throws Exception {
        Path output = Files.createTempFile(dir, "wrap", ".out");
        Process p = startWrap(env, output, args);
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("wrap finished").isTrue();
        return new Run(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    @Test
    void claudePrintModeCompletesThroughAStartedProxyAndLeavesNoProxyBehind() throws Exception {
        Run run = wrap(env(NpmAgents.bin()), "--port", Integer.toString(port), "claude", "--", "-p", "Say the word.");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("starting a proxy on http://127.0.0.1:" + port).contains(ANSWER);
        assertThat(upstream.requests("/v1/messages")).as("only the proxy knows the fake upstream").isPositive();
        assertThat(upstream.upstream.last().header("x-api-key")).isEqualTo("sk-ant-wrap-test-key");
        assertThat(Files.readString(dir.resolve("home/.headroom/logs/wrap-proxy-" + port + ".log")))
                .contains("Headroom proxy listening on http://127.0.0.1:" + port);
        assertNoProxyLeft();
    }

    @Test
    void codexExecCompletesThroughTheHeadroomProviderWithoutWritingItsConfig() throws Exception {
        Run run = wrap(env(NpmAgents.bin()), "--port", Integer.toString(port), "codex", "--", "exec",
                "--skip-git-repo-check", "Say the word.");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("provider: headroom").contains(ANSWER);
        assertThat(upstream.requests("/v1/responses")).isPositive();
        assertThat(upstream.upstream.last().header("authorization")).isEqualTo("Bearer sk-wrap-test-key");
        assertThat(dir.resolve("codex-home/config.toml")).as("nothing written to the user's config").doesNotExist();
        assertNoProxyLeft();
    }

    @Test
    void reusesARunningProxyAndLeavesItRunning() throws Exception {
        try (JarProxy proxy = JarProxy.start(dir.resolve("home"), Map.of(), "--anthropic-api-url", upstream.url())) {
            Run run = wrap(env(NpmAgents.bin()), "--port", Integer.toString(proxy.port()), "--no-proxy-start",
                    "claude", "--", "-p", "Say the word.");
            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output()).contains("using the Headroom proxy on http://127.0.0.1:" + proxy.port())
                    .doesNotContain("starting a proxy").contains(ANSWER);
            try (Socket s = new Socket("127.0.0.1", proxy.port())) {
                assertThat(s.isConnected()).as("the proxy wrap did not start is still up").isTrue();
            }
        }
    }

    @Test
    void passesTheToolsExitCodeThrough() throws Exception {
        Path bin = NpmAgents.bin();
        Process direct = new ProcessBuilder(bin.resolve("claude").toString(), "--no-such-option-xyz")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(direct.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(direct.exitValue()).isNotZero();
        Run run = wrap(env(bin), "--port", Integer.toString(port), "claude", "--", "--no-such-option-xyz");
        assertThat(run.exit()).as(run.output()).isEqualTo(direct.exitValue());
        assertNoProxyLeft();
    }

    @Test
    void stopsTheProxyItStartedWhenItIsTerminated() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("slow-bin"));
        Path claude = bin.resolve("claude");
        Files.writeString(claude, "#!/bin/sh\nexec sleep 120\n");
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path output = dir.resolve("terminated.out");
        Process wrap = startWrap(env(bin), output, "--port", Integer.toString(port), "claude");
        Path record = dir.resolve("home/.headroom/wrap/proxy-" + port + ".json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(record) && System.nanoTime() < deadline && wrap.isAlive()) {
            Thread.sleep(100);
        }
        assertThat(record).as(Files.readString(output)).exists();
        assertThat(proxyProcesses()).hasSize(1);
        wrap.destroy(); // SIGTERM, as a terminal's Ctrl-C or a kill would
        assertThat(wrap.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertNoProxyLeft();
        assertThat(record).as("the record goes with the proxy").doesNotExist();
    }

    @Test
    void refusesAPortHeldBySomethingElse() throws Exception {
        int taken = upstream.upstream.baseUrl().getPort();
        Run run = wrap(env(dir), "--port", Integer.toString(taken), "claude", "--", "-p", "hi");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("not a Headroom proxy answers on http://127.0.0.1:" + taken);
        assertThat(upstream.upstream.received).allMatch(r -> r.pathAndQuery().equals("/livez"));
    }

    private void assertNoProxyLeft() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!proxyProcesses().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(proxyProcesses()).as("proxy processes on port " + port).isEmpty();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    private List<ProcessHandle> proxyProcesses() {
        String marker = "proxy --host 127.0.0.1 --port " + port;
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker)).toList();
    }
}
