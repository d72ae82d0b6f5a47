package dev.headroom.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code headroom unwrap}: removes what {@code headroom wrap} left behind. Wrap changes no configuration file
 * (base URLs go to the agent's process only), so the only things it ever writes are its records of the proxies
 * it started ({@link WrapRecords}); a record outlives its wrap when that JVM was killed outright. For each record:
 * a wrap still running is left alone; otherwise its proxy, if still running and still a Headroom proxy, is
 * stopped, and the record is deleted. Nothing to remove is said as much, with exit 0.
 */
@Command(name = "unwrap", mixinStandardHelpOptions = true,
        description = {"Remove what headroom wrap left behind: records of proxies it started, and such a proxy",
                "still running after its wrap was killed. Wrap writes no tool configuration."})
final class UnwrapCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    UnwrapCommand() {
        this(System.getenv());
    }

    /** Uses {@code env} as the environment (for tests). */
    UnwrapCommand(Map<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Integer call() throws InterruptedException {
        WrapRecords records = new WrapRecords(env);
        PrintWriter out = spec.commandLine().getOut();
        List<WrapRecords.Entry> entries = records.list();
        if (entries.isEmpty()) {
            out.println("Nothing to unwrap: no records in " + records.directory() + ". headroom wrap sets base URLs for the"
                    + " wrapped process only and writes no tool configuration, so nothing else needs removing.");
            out.flush();
            return 0;
        }
        for (WrapRecords.Entry e : entries) {
            if (e.wrapPid() != 0 && e.wrapPid() != ProcessHandle.current().pid() && e.wrapAlive()) {
                out.println("left alone: headroom wrap " + e.tool() + " (pid " + e.wrapPid() + ") is still running with its proxy on port "
                        + e.port() + "; it stops the proxy when " + e.tool() + " exits");
                continue;
            }
            Optional<ProcessHandle> proxy = e.proxyPid() == 0 ? Optional.empty() : ProcessHandle.of(e.proxyPid());
            if (proxy.isPresent() && proxy.get().isAlive() && isHeadroomProxy(proxy.get())) {
                stop(proxy.get());
                out.println("stopped the proxy that headroom wrap " + e.tool() + " started on port " + e.port()
                        + " (pid " + e.proxyPid() + ")");
            }
            records.remove(e.file());
            out.println("removed " + e.file());
        }
        out.flush();
        return 0;
    }

    /** The process still runs this CLI's {@code proxy} command (a pid may have been reused since). */
    private static boolean isHeadroomProxy(ProcessHandle p) {
        String line = p.info().commandLine().orElse("");
        return line.contains(HeadroomCli.class.getName()) && line.contains(" proxy ");
    }

    private static void stop(ProcessHandle p) throws InterruptedException {
        p.destroy();
        try {
            p.onExit().get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
        }
    }
}
