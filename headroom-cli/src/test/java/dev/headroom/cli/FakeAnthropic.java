package dev.headroom.cli;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** An upstream on a random loopback port that answers every request with one fixed Anthropic message. */
final class FakeAnthropic implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<String> lastApiKey = new AtomicReference<>();

    FakeAnthropic(String responseJson) throws IOException {
        byte[] body = responseJson.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            lastApiKey.set(ex.getRequestHeaders().getFirst("x-api-key"));
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    /** {@code http://127.0.0.1:PORT}, for {@code --anthropic-api-url}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int requests() {
        return requests.get();
    }

    String lastApiKey() {
        return lastApiKey.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
