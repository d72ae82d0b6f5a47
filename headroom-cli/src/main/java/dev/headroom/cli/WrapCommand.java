package dev.headroom.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code headroom wrap TOOL [-- ARGS…]}: runs a coding agent through the proxy. A Headroom proxy already
 * answering on {@code 127.0.0.1:PORT} is used as it is; otherwise one is started in the background
 * ({@link WrapProxy}) and stopped when the agent exits, on Ctrl-C too. The agent's base URLs are set for its
 * process only ({@link WrapTarget}); it runs in the foreground with this terminal, and its exit code is this
 * command's. Exit 2 for a usage problem or a proxy that cannot be used or started, 127 for an agent not on
 * {@code PATH}.
 */
@Command(name = "wrap", mixinStandardHelpOptions = true,
        description = {"Run a coding agent through the proxy: headroom wrap claude|codex|aider|opencode|goose [-- ARGS...]",
                "Reuses a Headroom proxy on the port or starts one (stopped when the agent exits). Base URLs are",
                "set for the agent's process only; no configuration file is changed."})
final class WrapCommand implements Callable<Integer> {
    private static final Pattern SECRET = Pattern.compile("(sk-[A-Za-z0-9_-]{2})[A-Za-z0-9_-]{6,}");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOOL", description = "claude, codex, aider, opencode or goose.")
    String tool;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the tool (after --).")
    List<String> args = new ArrayList<>();

    @Option(names = "--port", description = "Proxy port on 127.0.0.1 (default $HEADROOM_PORT or 8787).")
    Integer port;

    @Option(names = "--no-proxy-start", description = "Use a running proxy only; fail when none answers.")
    boolean noProxyStart;

    @Option(names = "--dry-run", description = "Print what would run (variables included, secrets masked) and exit.")
    boolean dryRun;

    private final Map<String, String> env;

    /** Reads the process environment. */
    WrapCommand() {
        this(System.getenv());
    }

    /** Uses {@code env} as the environment (for tests). */
    WrapCommand(Map<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Integer call() throws InterruptedException {
        Optional<WrapTarget> target = WrapTarget.named(tool);
        if (target.isEmpty()) {
            return fail("unknown tool '" + tool + "'; wrap knows " + WrapTarget.names());
        }
        int p;
        try {
            p = port != null ? port : Integer.parseInt(env.getOrDefault("HEADROOM_PORT", "8787").strip());
        } catch (NumberFormatException e) {
            return fail("HEADROOM_PORT is not a port number: " + env.get("HEADROOM_PORT"));
        }
        if (p < 1 || p > 65535) {
            return fail("--port must be in [1, 65535], got " + p);
        }
        WrapProxy proxy = new WrapProxy(p, env);
        WrapTarget.Launch launch = target.get().launch(proxy.base(), env);
        Optional<Path> executable = find(target.get().command);
        List<String> command = new ArrayList<>();
        command.add(executable.map(Path::toString).orElse(target.get().command));
        command.addAll(launch.leadingArgs());
        command.addAll(args);
        WrapProxy.Found found = proxy.probe();
        PrintWriter err = spec.commandLine().getErr();
        if (found == WrapProxy.Found.OTHER) {
            return fail("something that is not a Headroom proxy answers on " + proxy.base() + "; choose another --port");
        }
        if (found == WrapProxy.Found.HEADROOM_NEEDS_TOKEN) {
            return fail("the Headroom proxy on " + proxy.base() + " needs its token: set HEADROOM_PROXY_TOKEN");
        }
        if (dryRun) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("headroom wrap " + target.get().command + " (dry run: nothing is started)");
            out.println(found == WrapProxy.Found.HEADROOM ? "proxy: reuse the Headroom proxy answering on " + proxy.base()
                    : noProxyStart ? "proxy: none answers on " + proxy.base() + " and --no-proxy-start is set: wrap would fail"
                    : "proxy: start " + String.join(" ", proxy.command()) + "  (log: " + proxy.log() + "; stopped when "
                    + target.get().command + " exits)");
            launch.env().forEach((k, v) -> out.println("env: " + k + "=" + mask(v)));
            launch.notes().forEach(n -> out.println("note: " + n));
            out.println("run: " + mask(String.join(" ", command.stream().map(WrapCommand::shellQuote).toList()))
                    + (executable.isEmpty() ? "  (" + target.get().command + " is not on PATH)" : ""));
            out.flush();
            return 0;
        }
        if (executable.isEmpty()) {
            err.println("headroom: error: " + target.get().command + " is not on PATH; install it first");
            err.flush();
            return 127;
        }
        if (found == WrapProxy.Found.NOTHING && noProxyStart) {
            return fail("no proxy answers on " + proxy.base() + " (--no-proxy-start): start one with: headroom proxy --port " + p);
        }
        launch.notes().forEach(n -> err.println("headroom: note: " + n));
        return run(target.get(), proxy, found == WrapProxy.Found.NOTHING, launch, command);
    }

    private int run(WrapTarget target, WrapProxy proxy, boolean startProxy, WrapTarget.Launch launch, List<String> command)
            throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        WrapRecords records = new WrapRecords(env);
        WrapCleanup cleanup = new WrapCleanup(records).install();
        if (startProxy) {
            try {
                err.println("headroom: starting a proxy on " + proxy.base() + " (log: " + proxy.log() + ")");
                err.flush();
                Process started = proxy.start();
                cleanup.adoptProxy(started);
                cleanup.adoptRecord(records.write(target.command, proxy.port(), started.toHandle(), proxy.log()));
            } catch (IOException e) {
                cleanup.finish();
                return fail("could not start the proxy: " + e.getMessage());
            }
        } else {
            err.println("headroom: using the Headroom proxy on " + proxy.base());
        }
        err.flush();
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().putAll(launch.env());
        pb.environment().put("HEADROOM_WRAPPED", target.command);
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            cleanup.finish();
            err.println("headroom: error: could not run " + command.get(0) + ": " + e.getMessage());
            err.flush();
            return 127;
        }
        cleanup.adoptChild(child);
        int code = child.waitFor();
        cleanup.finish();
        return code;
    }

    /** The first executable {@code name} on this environment's {@code PATH}. */
    private Optional<Path> find(String name) {
        for (String dir : env.getOrDefault("PATH", "").split(Pattern.quote(File.pathSeparator))) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The proxy token and anything shaped like a provider key, masked. */
    private String mask(String s) {
        String token = env.getOrDefault("HEADROOM_PROXY_TOKEN", "");
        String masked = token.isBlank() ? s : s.replace(token, "****");
        return SECRET.matcher(masked).replaceAll("$1****").replace("\n", "\\n");
    }

    private static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("headroom: error: " + message);
        spec.commandLine().getErr().flush();
        return 2;
    }
}
