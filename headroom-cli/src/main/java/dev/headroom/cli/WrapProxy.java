package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The proxy behind {@code headroom wrap}: finds out what answers on {@code 127.0.0.1:PORT}, and starts (and
 * later stops) a proxy of its own in the background when nothing does. The proxy it starts is this jar's
 * {@code proxy} command in a JVM with {@link JvmDefaults#DEFAULTS} (or {@code HEADROOM_JAVA_OPTS}), marked as
 * a child so that it also stops when this process is killed outright, with its output appended to
 * {@code $HEADROOM_HOME/logs/wrap-proxy-PORT.log}.
 */
final class WrapProxy {
    static final String HOST = "127.0.0.1";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** What answers on the port. */
    enum Found {
        /** A Headroom proxy that serves this caller. */
        HEADROOM,
        /** A Headroom proxy that wants a proxy token this caller does not have (or has wrong). */
        HEADROOM_NEEDS_TOKEN,
        /** Something else. */
        OTHER,
        /** Nothing (connection refused). */
        NOTHING
    }

    private final int port;
    private final Map<String, String> env;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

    WrapProxy(int port, Map<String, String> env) {
        this.port = port;
        this.env = env;
    }

    int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}. */
    String base() {
        return "http://" + HOST + ":" + port;
    }

    /**
     * {@code /livez} must answer {@code {"status":"ok"}}, and {@code /health} must be Headroom's document
     * ({@code version} and {@code checks.compressors}) or Headroom's refusal for want of a token.
     */
    Found probe() throws InterruptedException {
        try {
            HttpResponse<String> livez = get("/livez");
            if (livez.statusCode() != 200 || !"ok".equals(parse(livez.body()).path("status").asText())) {
                return Found.OTHER;
            }
            HttpResponse<String> health = get("/health");
            JsonNode h = parse(health.body());
            if (health.statusCode() == 200 && h.has("version") && h.path("checks").has("compressors")) {
                return Found.HEADROOM;
            }
            if (health.statusCode() == 401 && h.at("/error/message").asText().equals("proxy token required")) {
                return Found.HEADROOM_NEEDS_TOKEN;
            }
            return Found.OTHER;
        } catch (IOException e) {
            return e instanceof java.net.ConnectException ? Found.NOTHING : Found.OTHER;
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(PROBE_TIMEOUT).GET();
        String token = env.getOrDefault("HEADROOM_PROXY_TOKEN", "");
        if (!token.isBlank()) {
            b.header("x-headroom-token", token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode parse(String body) {
        try {
            return JsonCodec.parse(body.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return JsonCodec.mapper().createObjectNode();
        }
    }

    /** The command that starts the proxy: this JVM's {@code java}, this class path, {@code proxy --host --port}. */
    List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String own = env.getOrDefault(JvmDefaults.OPTIONS_VARIABLE, "").strip();
        if (own.isEmpty()) {
            cmd.addAll(JvmDefaults.DEFAULTS);
        } else if (!own.equalsIgnoreCase("off")) {
            cmd.addAll(List.of(own.split("\\s+")));
        }
        cmd.add("-D" + JvmDefaults.CHILD_PROPERTY + "=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(HeadroomCli.class.getName());
        cmd.addAll(List.of("proxy", "--host", HOST, "--port", Integer.toString(port)));
        return cmd;
    }

    /** {@code $HEADROOM_HOME/logs/wrap-proxy-PORT.log}. */
    Path log() {
        return WrapRecords.home(env).resolve("logs").resolve("wrap-proxy-" + port + ".log");
    }

    /**
     * Starts the proxy and waits until it serves {@code /livez}.
     *
     * @throws IOException when it cannot be started or ends or stays silent before it answers; the message
     *                     names the log
     */
    Process start() throws IOException, InterruptedException {
        Path log = log();
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(System.getProperty("os.name")
                        .startsWith("Windows") ? "NUL" : "/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        // the wrapped JVM's flags are among its arguments already; the proxy must not read them a second time
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = pb.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the proxy exited with " + process.exitValue() + " before it answered; see " + log);
            }
            if (probe() == Found.HEADROOM) {
                return process;
            }
            Thread.sleep(100);
        }
        stop(process);
        throw new IOException("the proxy did not answer on " + base() + " within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    /** Asks the proxy to stop (its shutdown hooks run), waits up to 15 s, then ends it outright. */
    static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
