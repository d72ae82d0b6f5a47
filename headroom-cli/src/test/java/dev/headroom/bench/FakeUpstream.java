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
 * A fake Anthropic upstream on loopback: answers every request after reading the whole body, at once or after a
 * fixed delay (a model's time to answer), with {@link #RESPONSE}, or — when the body's first 4 KB ask for
 * {@code "stream":true} — with a short event stream whose first event ({@link #FIRST_EVENT}) is flushed at once
 * and the rest {@link #STREAM_GAP_MILLIS} ms later, so that a client can time the first streamed byte apart from
 * the whole answer.
 */
final class FakeUpstream implements AutoCloseable {
    static {
        // Real API front ends (nginx, Envoy, Cloudflare) send with TCP_NODELAY; the JDK server does not unless told
        // before its first use. Without it, the response body written after the headers waits for the proxy's
        // delayed ACK (40 ms on Linux) whenever the headers are still unacknowledged: measured as +35 ms on every
        // proxied cold turn, a stall of this fake upstream rather than a cost of the proxy.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final byte[] RESPONSE = ("{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"The payment gateway timed out.\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":1200,\"output_tokens\":9}}")
            .getBytes(StandardCharsets.UTF_8);

    static final byte[] FIRST_EVENT = ("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":"
            + "\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],"
            + "\"usage\":{\"input_tokens\":1200,\"output_tokens\":1}}}\n\n").getBytes(StandardCharsets.UTF_8);
    static final byte[] REST_EVENTS = ("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
            + "\"text_delta\",\"text\":\"The payment gateway timed out.\"}}\n\n"
            + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
            + "\"usage\":{\"output_tokens\":9}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n").getBytes(StandardCharsets.UTF_8);
    static final int STREAM_GAP_MILLIS = Integer.getInteger("proxy-load.stream-gap-ms", 5);
    private static final byte[] STREAM_FLAG = "\"stream\":true".getBytes(StandardCharsets.UTF_8);

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
                byte[] head = new byte[4096];
                int headLength = 0;
                byte[] buf = new byte[16384];
                for (int r; (r = in.read(buf)) >= 0; ) {
                    int copy = Math.min(r, head.length - headLength);
                    System.arraycopy(buf, 0, head, headLength, copy);
                    headLength += copy;
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
                ex.getResponseHeaders().add("request-id", "req_bench");
                if (contains(head, headLength, STREAM_FLAG)) {
                    ex.getResponseHeaders().add("content-type", "text/event-stream");
                    ex.sendResponseHeaders(200, 0);
                    try (OutputStream os = ex.getResponseBody()) {
                        os.write(FIRST_EVENT);
                        os.flush();
                        sleep();
                        os.write(REST_EVENTS);
                    }
                    return;
                }
                ex.getResponseHeaders().add("content-type", "application/json");
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

    private static boolean contains(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void sleep() {
        try {
            Thread.sleep(STREAM_GAP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
