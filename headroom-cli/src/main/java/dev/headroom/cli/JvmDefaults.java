package dev.headroom.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * JVM defaults for the long-running {@code proxy} command of the standalone jar. A JVM cannot change its own
 * heap or collector once started, so when {@code java -jar headroom.jar proxy} was started without any heap or
 * collector flag, {@code main} runs the same command once more in a child JVM with {@link #DEFAULTS} and waits
 * for it (standard streams shared, exit code passed on, the child stopped when this process is asked to stop).
 *
 * <p>The defaults fit a developer laptop: the serial collector (the smallest footprint and the least CPU per
 * request for a proxy whose live data is tens of MB; the compression admission limit keeps a burst from
 * multiplying it), a heap of 256 MiB to start and at most 768 MiB, a fixed 96 MiB young generation (large enough
 * that a request's tree dies young instead of filling the old generation), and a heap that shrinks after a full
 * collection when more than 30% of it is free. In the proxy-load benchmark these kept the proxy at 450–480 MiB
 * resident through bursts of 50 × 1 MiB, where the JVM's own ergonomics (G1, a quarter of RAM) grew it to
 * 2.7 GB; G1 gave cold turns about 20 ms less latency at about 200 MiB more memory, a choice for a shared proxy.
 *
 * <p>How to change them: any of {@code -Xmx}, {@code -Xms}, {@code -XX:MaxRAMPercentage} (and the other heap-size
 * flags) or a {@code -XX:+Use…GC} flag on the command line, in {@code JDK_JAVA_OPTIONS} or in
 * {@code JAVA_TOOL_OPTIONS} means the JVM is used as started, with those flags; {@code HEADROOM_JAVA_OPTS}
 * replaces the defaults with its own flags (space-separated); {@code HEADROOM_JAVA_OPTS=off} runs in the
 * starting JVM with the JVM's own ergonomics.
 */
final class JvmDefaults {
    /** The flags the child JVM of {@code proxy} gets by default. */
    static final List<String> DEFAULTS = List.of("-XX:+UseSerialGC", "-Xms256m", "-Xmn96m", "-Xmx768m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
    /** Set in the child, so that it never relaunches itself. */
    static final String CHILD_PROPERTY = "headroom.jvm.child";
    static final String OPTIONS_VARIABLE = "HEADROOM_JAVA_OPTS";

    private static final List<String> SIZING_PREFIXES = List.of("-Xmx", "-Xms", "-Xmn", "-XX:MaxHeapSize",
            "-XX:InitialHeapSize", "-XX:MinHeapSize", "-XX:MaxRAM", "-XX:InitialRAMPercentage", "-XX:MinRAMPercentage");

    private JvmDefaults() {
    }

    /**
     * The flags a child JVM should get for {@code args}, or empty when this JVM should run the command itself:
     * not {@code proxy}, already a child, sized by the user, or defaults turned off.
     */
    static Optional<List<String>> childFlags(String[] args, List<String> jvmArguments, Map<String, String> env,
                                             String childProperty) {
        if (childProperty != null || args.length == 0 || !args[0].equals("proxy") || helpAsked(args)) {
            return Optional.empty();
        }
        String own = env.getOrDefault(OPTIONS_VARIABLE, "").strip();
        if (own.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        List<String> given = new ArrayList<>(jvmArguments);
        for (String variable : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS")) {
            given.addAll(List.of(env.getOrDefault(variable, "").strip().split("\\s+")));
        }
        if (given.stream().anyMatch(JvmDefaults::sizesTheJvm)) {
            return Optional.empty();
        }
        return Optional.of(own.isEmpty() ? DEFAULTS : List.of(own.split("\\s+")));
    }

    static boolean sizesTheJvm(String flag) {
        if (flag.startsWith("-XX:+Use") && flag.endsWith("GC")) {
            return true;
        }
        return SIZING_PREFIXES.stream().anyMatch(flag::startsWith);
    }

    private static boolean helpAsked(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code args} in a child JVM with {@code flags} and this JVM's other arguments, and returns its exit
     * code; empty when the child could not be started (the caller then runs the command itself).
     */
    static Optional<Integer> runChild(String[] args, List<String> flags) throws InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-D" + CHILD_PROPERTY + "=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(HeadroomCli.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        // their flags are among this JVM's arguments, which the child gets: it must not read them a second time
        // (a -javaagent would load twice)
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            System.err.println("headroom: could not start the proxy JVM with its defaults (" + e.getMessage()
                    + "); running with this JVM's settings");
            return Optional.empty();
        }
        Thread stopper = new Thread(() -> stop(child), "headroom-stop-child");
        Runtime.getRuntime().addShutdownHook(stopper);
        int code = child.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
        return Optional.of(code);
    }

    /**
     * In the child: stops this JVM (shutdown hooks run) when the launching JVM is gone, so that a launcher
     * killed outright ({@code kill -9}) never leaves a proxy running on its port.
     */
    static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("headroom: the launching process ended; stopping");
            System.exit(143);
        }));
    }

    /** Asks the child to stop (its own shutdown hooks run) and waits for it a little. */
    private static void stop(Process child) {
        if (!child.isAlive()) {
            return;
        }
        child.destroy();
        try {
            if (!child.waitFor(15, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
