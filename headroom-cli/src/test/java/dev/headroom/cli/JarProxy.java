package dev.headroom.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged {@code headroom.jar proxy}, run as a user would: its own JVM, a chosen HOME, the banner read
 * up to the lines to copy, and the rest of its output drained so the process never blocks on a full pipe.
 */
final class JarProxy implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))");

    private final Process process;
    private final String base;
    private final int port;
    private final List<String> banner;

    private JarProxy(Process process, String base, int port, List<String> banner) {
        this.process = process;
        this.base = base;
        this.port = port;
        this.banner = banner;
    }

    /** Starts {@code headroom proxy --port 0 ARGS} with HOME set to {@code home} and the extra variables. */
    static JarProxy start(Path home, Map<String, String> env, String... args) throws IOException {
        Path jar = Path.of("target", "headroom.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no " + jar.toAbsolutePath() + ": run the package phase first");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "proxy", "--port", "0"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("HEADROOM_HOME");
        pb.environment().putAll(env);
        Process process = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> banner = new ArrayList<>();
        String base = null;
        int port = 0;
        for (String line; (line = out.readLine()) != null; ) {
            banner.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                base = m.group(1);
                port = Integer.parseInt(m.group(2));
            }
            if (line.contains("OPENAI_BASE_URL")) {
                break;
            }
        }
        if (base == null) {
            process.destroy();
            throw new IllegalStateException("the proxy printed no address: " + banner);
        }
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(Writer.nullWriter());
            } catch (IOException ignored) {
                // the process ended
            }
        }, "jar-proxy-output");
        drain.setDaemon(true);
        drain.start();
        return new JarProxy(process, base, port, List.copyOf(banner));
    }

    /** {@code http://127.0.0.1:PORT}. */
    String base() {
        return base;
    }

    int port() {
        return port;
    }

    /** The start-up banner, up to and including the {@code OPENAI_BASE_URL} line. */
    String banner() {
        return String.join("\n", banner);
    }

    /** Stops the proxy with SIGTERM (its shutdown hook runs) and returns its exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
