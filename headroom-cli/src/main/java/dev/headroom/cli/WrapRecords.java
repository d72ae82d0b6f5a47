package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only files {@code headroom wrap} writes besides the proxy's log: one record per proxy it started, in
 * {@code $HEADROOM_HOME/wrap/proxy-PORT.json} ({@code tool}, {@code port}, {@code proxy_pid}, {@code wrap_pid},
 * {@code log}), written once the proxy answers and deleted when wrap stops it. A record that outlives its
 * wrap (the JVM was killed outright) is what {@code headroom doctor} reports and {@code headroom unwrap} removes.
 */
final class WrapRecords {
    /** One proxy started by a wrap. */
    record Entry(Path file, String tool, int port, long proxyPid, long wrapPid, String log) {
        boolean proxyAlive() {
            return ProcessHandle.of(proxyPid).map(ProcessHandle::isAlive).orElse(false);
        }

        boolean wrapAlive() {
            return ProcessHandle.of(wrapPid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    private final Path dir;

    WrapRecords(Map<String, String> env) {
        this.dir = home(env).resolve("wrap");
    }

    /** {@code $HEADROOM_HOME}, else {@code $HOME/.headroom}, else {@code .headroom} under {@code user.home}. */
    static Path home(Map<String, String> env) {
        String headroomHome = env.get("HEADROOM_HOME");
        if (headroomHome != null && !headroomHome.isBlank()) {
            return Path.of(headroomHome);
        }
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".headroom");
    }

    Path directory() {
        return dir;
    }

    /** Records the proxy {@code proxy} that the wrap of {@code tool} started on {@code port}. */
    Path write(String tool, int port, ProcessHandle proxy, Path log) throws IOException {
        Files.createDirectories(dir);
        ObjectNode o = JsonCodec.mapper().createObjectNode();
        o.put("tool", tool).put("port", port).put("proxy_pid", proxy.pid()).put("wrap_pid", ProcessHandle.current().pid())
                .put("log", log.toString());
        Path file = dir.resolve("proxy-" + port + ".json");
        Path tmp = dir.resolve("proxy-" + port + ".json.tmp");
        Files.writeString(tmp, JsonCodec.write(o) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** Every readable record, by file name; unreadable files are returned with pid 0 so they can be removed. */
    List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "proxy-*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        for (Path f : files) {
            entries.add(read(f).orElse(new Entry(f, "?", 0, 0, 0, "")));
        }
        return entries;
    }

    private static Optional<Entry> read(Path f) {
        try {
            JsonNode n = JsonCodec.parse(Files.readAllBytes(f));
            return Optional.of(new Entry(f, n.path("tool").asText("?"), n.path("port").asInt(), n.path("proxy_pid").asLong(),
                    n.path("wrap_pid").asLong(), n.path("log").asText("")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Deletes a record, and the directory once it is empty. */
    void remove(Path file) {
        try {
            Files.deleteIfExists(file);
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> rest = Files.newDirectoryStream(dir)) {
                    if (!rest.iterator().hasNext()) {
                        Files.delete(dir);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
