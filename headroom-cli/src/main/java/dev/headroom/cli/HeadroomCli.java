package dev.headroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code headroom} command. */
@Command(name = "headroom",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Context compression for LLM applications and coding agents.",
        subcommands = {ProxyCommand.class, StatsCommand.class, DashboardCommand.class, DoctorCommand.class, CompressCommand.class, RetrieveCommand.class, MemoryCommand.class, BenchCorpusCommand.class, WrapCommand.class, UnwrapCommand.class, CommandLine.HelpCommand.class})
public final class HeadroomCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A command line with Headroom's exit codes: 0 success, 2 bad input or usage. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HeadroomCli());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("headroom: error: " + OneLine.of(e));
            return 2;
        });
        return cl;
    }

    public static void main(String[] args) throws InterruptedException {
        // `proxy` runs long: without heap or collector flags it runs in a child JVM with JvmDefaults.DEFAULTS
        var flags = JvmDefaults.childFlags(args, java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getenv(), System.getProperty(JvmDefaults.CHILD_PROPERTY));
        if (flags.isPresent()) {
            var code = JvmDefaults.runChild(args, flags.get());
            if (code.isPresent()) {
                System.exit(code.get());
            }
        }
        if (System.getProperty(JvmDefaults.CHILD_PROPERTY) != null) {
            JvmDefaults.exitWithParent();
        }
        Logging.configure();
        System.exit(commandLine().execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
