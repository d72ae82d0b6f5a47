package dev.headroom.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Claude Code and Codex CLIs, at pinned versions, installed from the npm registry into
 * {@code target/npm-agents} once (kept between runs while the versions match). {@code .ci/run} makes sure
 * {@code npm} exists.
 */
final class NpmAgents {
    static final String CLAUDE_CODE = "@anthropic-ai/claude-code@2.1.332";
    static final String CODEX = "@openai/codex@0.171.0";
    private static final Path DIR = Path.of("target", "npm-agents").toAbsolutePath();

    private NpmAgents() {
    }

    /** The directory with {@code claude} and {@code codex}, for {@code PATH}. */
    static synchronized Path bin() throws IOException, InterruptedException {
        Path stamp = DIR.resolve("installed.txt");
        String wanted = CLAUDE_CODE + " " + CODEX;
        Path bin = DIR.resolve("node_modules").resolve(".bin");
        if (Files.exists(stamp) && Files.readString(stamp, StandardCharsets.UTF_8).equals(wanted)
                && Files.isExecutable(bin.resolve("claude")) && Files.isExecutable(bin.resolve("codex"))) {
            return bin;
        }
        Files.createDirectories(DIR);
        Process npm = new ProcessBuilder(List.of("npm", "install", "--prefix", DIR.toString(), "--no-audit", "--no-fund",
                "--no-save", "--loglevel=error", CLAUDE_CODE, CODEX)).redirectErrorStream(true)
                .redirectOutput(DIR.resolve("npm-install.log").toFile()).start();
        if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm install failed; see " + DIR.resolve("npm-install.log") + ":\n"
                    + Files.readString(DIR.resolve("npm-install.log")));
        }
        Files.writeString(stamp, wanted, StandardCharsets.UTF_8);
        return bin;
    }
}
