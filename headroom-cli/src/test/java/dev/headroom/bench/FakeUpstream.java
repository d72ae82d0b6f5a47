package dev.headroom.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake Anthropic upstream on loopback: answers every request with {@link #RESPONSE} after reading the whole body,
 * at once or after a fixed delay (a model's time to answer).
 */
final class FakeUpstream implements AutoCloseable {
    static final byte[] RESPONSE = ("{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"The payment gateway timed out.\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":1200,\"output_tokens\":9}}")
            .getBytes(StandardCharsets.UTF_8);

    final HttpServer server;
    final AtomicLong lastBodyBytes = new AtomicLong();
    final AtomicLong requests = new AtomicLong();

    private FakeUpstream(HttpServer server) {
        this.server = server;
    }

    static FakeUpstream start(ExecutorService pool) throws IOException {
        return start(pool, 0);
    }

    /** An upstream that waits {@code delayMillis} after reading a request before it answers. */
    static FakeUpstream start(ExecutorService pool, long delayMillis) throws IOException {
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getByName(ProxyLoadBenchmark.LOOPBACK), 0), 512);
        FakeUpstream upstream = new FakeUpstream(server);
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                long n = 0;
                byte[] buf = new byte[16384];
                for (int r; (r = in.read(buf)) >= 0; ) {
                    n += r;
                }
                upstream.lastBodyBytes.set(n);
                upstream.requests.incrementAndGet();
                if (delayMillis > 0) {
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                ex.getResponseHeaders().add("content-type", "application/json");
                ex.getResponseHeaders().add("request-id", "req_bench");
                ex.sendResponseHeaders(200, RESPONSE.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(RESPONSE);
                }
            }
        });
        server.setExecutor(pool);
        server.start();
        return upstream;
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI base() {
        return ProxyLoadBenchmark.loopback(port(), "");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
