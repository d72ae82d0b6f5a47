package dev.headroom.cli;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream on a random loopback port for Anthropic and OpenAI routes: records every request body, answers
 * with a small message of the route's format, and can hold every request until released (to count how many the
 * proxy lets through at once).
 */
final class CapturingUpstream implements AutoCloseable {
    private static final String ANTHROPIC = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";
    private static final String CHAT = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";
    private static final String RESPONSES = "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"output\":"
            + "[{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"ok\"}]}],"
            + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1,\"total_tokens\":2}}";

    private final HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger peakInFlight = new AtomicInteger();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    CapturingUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            try (ex) {
                bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                }
                String path = ex.getRequestURI().getPath();
                byte[] body = (path.endsWith("/chat/completions") ? CHAT : path.startsWith("/v1/responses") ? RESPONSES : ANTHROPIC)
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
    }

    /** From now on every request waits until {@link #release()}. */
    void holdRequests() {
        hold = new CountDownLatch(1);
    }

    void release() {
        hold.countDown();
    }

    /** {@code http://127.0.0.1:PORT}, for {@code --anthropic-api-url} and {@code --openai-api-url}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String lastBody() {
        return bodies.get(bodies.size() - 1);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
