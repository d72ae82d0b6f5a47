package dev.headroom.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The standalone proxy as a user runs it — {@code java -jar headroom.jar proxy} in a process of its own, on a
 * free loopback port, in front of the benchmark's fake upstream — so that its resident memory and CPU time can
 * be read from {@code /proc} without the load generator's. Its files ({@code HEADROOM_HOME}) go to a temporary
 * directory that is deleted on {@link #close()}.
 */
final class ChildProxy implements AutoCloseable {
    /** {@code USER_HZ}: 100 on every Linux this runs on ({@code getconf CLK_TCK}). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    final Process process;
    final int port;
    final List<String> command;
    private final Path home;

    private ChildProxy(Process process, int port, List<String> command, Path home) {
        this.process = process;
        this.port = port;
        this.command = command;
        this.home = home;
    }

    /**
     * Starts the proxy and waits until it listens.
     *
     * @param jar      the runnable jar; when it does not exist, the benchmark's own class path runs the CLI
     * @param jvmFlags flags for the child JVM (none: the jar's own defaults)
     */
    static ChildProxy start(Path jar, List<String> jvmFlags, URI upstream) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("headroom-bench-home");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        if (Files.isRegularFile(jar)) {
            cmd.add("-jar");
            cmd.add(jar.toString());
        } else {
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("dev.headroom.cli.HeadroomCli");
        }
        cmd.addAll(List.of("proxy", "--host", ProxyLoadBenchmark.LOOPBACK, "--port", "0", "--no-rate-limit",
                "--anthropic-api-url", upstream.toString(), "--openai-api-url", upstream.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(home.resolve("stderr.log").toFile());
        pb.environment().put("HEADROOM_HOME", home.toString());
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            port.complete(-1);
        }, "child-proxy-stdout");
        reader.setDaemon(true);
        reader.start();
        int bound;
        try {
            bound = port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            bound = -1;
        }
        if (bound <= 0) {
            p.destroyForcibly();
            throw new IOException("the child proxy did not start: " + Files.readString(home.resolve("stderr.log")));
        }
        return new ChildProxy(p, bound, List.copyOf(cmd), home);
    }

    URI uri(String path) {
        return ProxyLoadBenchmark.loopback(port, path);
    }

    /**
     * Resident set size now, in bytes (Linux {@code VmRSS}), of the process and its descendants (the jar runs the
     * proxy in a child JVM of its own, see {@code JvmDefaults}); -1 where {@code /proc} is not available.
     */
    long rssBytes() {
        long sum = 0;
        for (ProcessHandle h : tree()) {
            long kb = statusKb(h.pid(), "VmRSS:");
            if (kb < 0) {
                return -1;
            }
            sum += kb * 1024;
        }
        return sum;
    }

    /** CPU time (user + system) the process and its descendants have used so far, in nanoseconds. */
    long cpuNanos() {
        long sum = 0;
        for (ProcessHandle h : tree()) {
            sum += h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
        return sum;
    }

    /**
     * CPU time (user + system) the JIT compiler threads of the process and its descendants have used so far, in
     * nanoseconds, read from {@code /proc/<pid>/task/<tid>/stat} (threads named {@code C1 CompilerThread…} or
     * {@code C2 CompilerThread…}); -1 where {@code /proc} is not available.
     */
    long compilerCpuNanos() {
        long ticks = 0;
        for (ProcessHandle h : tree()) {
            File[] threads = new File("/proc/" + h.pid() + "/task").listFiles();
            if (threads == null) {
                return -1;
            }
            for (File thread : threads) {
                ticks += Math.max(0, compilerTicks(thread.toPath()));
            }
        }
        return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    }

    /** The thread's user + system ticks when it is a JIT compiler thread, else 0; -1 when it is gone. */
    private static long compilerTicks(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm")).strip();
            if (!name.contains("CompilerThre")) { // the kernel keeps 15 characters of "C2 CompilerThread0"
                return 0;
            }
            String stat = Files.readString(thread.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private List<ProcessHandle> tree() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        return all;
    }

    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
