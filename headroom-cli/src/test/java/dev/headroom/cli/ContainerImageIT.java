package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root {@code Dockerfile} without docker: its instructions parsed (multi-stage build, non-root user, port,
 * health check on {@code /livez}, entry point), then its entry point and health check run from the packaged jar.
 */
@Timeout(120)
class ContainerImageIT {
    private static final Path DOCKERFILE = Path.of("..", "Dockerfile");
    private static final String IMAGE_JAR = "/opt/headroom/headroom.jar";

    @TempDir
    Path dir;

    /** Instructions of the Dockerfile, continuation lines joined, comments dropped. */
    private static List<String> instructions() throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (current.length() == 0 && (t.isEmpty() || t.startsWith("#"))) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
            } else {
                out.add(current.append(t).toString().strip());
                current.setLength(0);
            }
        }
        return out;
    }

    /** The instructions of the last stage (after its FROM). */
    private static List<String> runtimeStage() throws IOException {
        List<String> all = instructions();
        int last = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startsWith("FROM ")) {
                last = i;
            }
        }
        return all.subList(last, all.size());
    }

    private static String one(List<String> stage, String keyword) {
        List<String> found = stage.stream().filter(s -> s.startsWith(keyword + " ")).toList();
        assertThat(found).as(keyword).hasSize(1);
        return found.get(0).substring(keyword.length() + 1).strip();
    }

    private static List<String> execForm(String json) {
        List<String> parts = new ArrayList<>();
        JsonCodec.parse(json).forEach(n -> parts.add(n.asText()));
        return parts;
    }

    private static List<String> entryPoint() throws IOException {
        return execForm(one(runtimeStage(), "ENTRYPOINT"));
    }

    @Test
    void dockerfileBuildsWithMavenAndRunsTheProxyAsANonRootUserWithAHealthCheck() throws IOException {
        List<String> all = instructions();
        List<String> froms = all.stream().filter(s -> s.startsWith("FROM ")).toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).matches("FROM eclipse-temurin:17-jdk AS build");
        assertThat(all).anyMatch(s -> s.startsWith("RUN ./mvnw ") && s.contains("package"));
        List<String> runtime = runtimeStage();
        assertThat(runtime.get(0)).matches("FROM eclipse-temurin:17-jre");
        String user = one(runtime, "USER");
        assertThat(user.split(":")[0]).isNotIn("root", "0").isEqualTo("headroom");
        assertThat(runtime).anyMatch(s -> s.startsWith("RUN ") && s.contains("useradd --system --uid 10001"));
        assertThat(runtime).anyMatch(s -> s.equals("COPY --from=build /src/headroom-cli/target/headroom.jar " + IMAGE_JAR));
        assertThat(one(runtime, "EXPOSE")).isEqualTo("8787");
        String health = one(runtime, "HEALTHCHECK");
        assertThat(health).contains("CMD [").contains("http://127.0.0.1:8787/livez");
        assertThat(entryPoint()).containsExactly("java", "-jar", IMAGE_JAR, "proxy", "--host", "0.0.0.0");
        assertThat(runtime.indexOf("USER " + user)).as("USER comes before the entry point")
                .isLessThan(runtime.indexOf(runtime.stream().filter(s -> s.startsWith("ENTRYPOINT")).findFirst().orElseThrow()));
    }

    /** The entry point with this JVM's java and the packaged jar in place of the image's. */
    private ProcessBuilder entryPointHere(Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>();
        for (String part : entryPoint()) {
            cmd.add(part.equals("java") ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
                    : part.equals(IMAGE_JAR) ? Path.of("target", "headroom.jar").toAbsolutePath().toString() : part);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("HEADROOM_PROXY_TOKEN");
        pb.environment().remove("HEADROOM_ALLOW_OPEN");
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().remove("HEADROOM_HOME");
        pb.environment().putAll(env);
        return pb;
    }

    @Test
    void theEntryPointRefusesToStartWithoutAProxyToken() throws Exception {
        Path out = dir.resolve("refused.out");
        Process p = entryPointHere(Map.of("HEADROOM_PORT", Integer.toString(freePort())))
                .redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(out)).contains("refusing to listen on 0.0.0.0 without HEADROOM_PROXY_TOKEN")
                .doesNotContain("Exception");
    }

    @Test
    void theEntryPointStartsWithATokenAndTheHealthCheckPasses() throws Exception {
        int port = freePort();
        Path out = dir.resolve("started.out");
        Process p = entryPointHere(Map.of("HEADROOM_PORT", Integer.toString(port), "HEADROOM_PROXY_TOKEN", "image-token-1"))
                .redirectOutput(out.toFile()).start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI livez = URI.create("http://127.0.0.1:" + port + "/livez");
            HttpResponse<String> answer = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (answer == null && System.nanoTime() < deadline && p.isAlive()) {
                try {
                    answer = client.send(HttpRequest.newBuilder(livez).build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertThat(answer).as(Files.readString(out)).isNotNull();
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode body = JsonCodec.parse(answer.body());
            assertThat(body.path("status").asText()).isEqualTo("ok");
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("every route but /livez and /readyz needs the token").isEqualTo(401);
            assertThat(healthCheck(port)).as("the HEALTHCHECK command").isZero();
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(healthCheck(port)).as("the HEALTHCHECK command fails once the proxy is gone").isEqualTo(1);
    }

    /** Runs the Dockerfile's HEALTHCHECK command with the packaged jar and this port. */
    private int healthCheck(int port) throws Exception {
        String health = one(runtimeStage(), "HEALTHCHECK");
        List<String> cmd = new ArrayList<>();
        for (String part : execForm(health.substring(health.indexOf("CMD ") + 4))) {
            cmd.add(part.equals("java") ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
                    : part.equals(IMAGE_JAR) ? Path.of("target", "headroom.jar").toAbsolutePath().toString()
                    : part.replace(":8787/", ":" + port + "/"));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
