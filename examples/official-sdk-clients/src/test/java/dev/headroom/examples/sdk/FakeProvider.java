package dev.headroom.examples.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a random loopback port that plays the provider (Anthropic or OpenAI): it records
 * every request it receives (path, headers, body) and answers with whatever the test scripted, written in
 * the provider's wire format by {@link AnthropicWire} and {@link OpenAiWire}.
 */
final class FakeProvider implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the provider received it. Header names are case-insensitive. */
    record Received(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes one answer to the exchange: status, headers and body. */
    @FunctionalInterface
    interface Answer {
        void write(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> next = new ArrayDeque<>();
    private Answer always = json(200, "{}");

    FakeProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        headers, exchange.getRequestBody().readAllBytes()));
                answerFor().write(exchange);
            }
        });
        server.start();
    }

    /** Every following request gets this answer (after any queued with {@link #thenAnswer}). */
    FakeProvider alwaysAnswer(Answer answer) {
        synchronized (next) {
            always = answer;
        }
        return this;
    }

    /** Queues answers for the next requests, in order; once they are used up {@link #alwaysAnswer} applies. */
    FakeProvider thenAnswer(Answer... answers) {
        synchronized (next) {
            next.addAll(List.of(answers));
        }
        return this;
    }

    private Answer answerFor() {
        synchronized (next) {
            return next.isEmpty() ? always : next.poll();
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    /** A complete JSON answer with a Content-Length. */
    static Answer json(int status, String body, String... headerPairs) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
            }
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /**
     * A {@code text/event-stream} answer, chunked, flushing after every event. {@code beforeEvent} runs
     * before each event is written with the event's index, so a test can hold the stream back.
     */
    static Answer sse(List<String> events, EventGate beforeEvent) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().add("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < events.size(); i++) {
                beforeEvent.await(i);
                out.write(events.get(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        };
    }

    static Answer sse(List<String> events) {
        return sse(events, i -> { });
    }

    /** Called before the provider writes event {@code index} of a stream. */
    @FunctionalInterface
    interface EventGate {
        void await(int index) throws IOException;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
