package dev.headroom.cli;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * An upstream on a random loopback port whose answers a test scripts: a function of the request path and body
 * gives the content type and body of the answer. Records every request body in order.
 */
final class ScriptedUpstream implements AutoCloseable {
    /** One scripted answer. */
    record Reply(String contentType, String body) {
        static Reply json(String body) {
            return new Reply("application/json", body);
        }

        static Reply events(String body) {
            return new Reply("text/event-stream", body);
        }
    }

    private final HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();

    ScriptedUpstream(BiFunction<String, String, Reply> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            try (ex) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                bodies.add(body);
                Reply reply = script.apply(ex.getRequestURI().getPath(), body);
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", reply.contentType());
                ex.sendResponseHeaders(200, bytes.length);
                ex.getResponseBody().write(bytes);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String last() {
        return bodies.get(bodies.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
