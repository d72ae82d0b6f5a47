package dev.headroom.bench;

import dev.headroom.wire.JsonCodec;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Heap under a burst of concurrent 1 MB requests: baseline, peak, what GC leaves, what is retained and allocated. */
final class HeapBurst {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final AtomicInteger SEQ = new AtomicInteger();

    private HeapBurst() {
    }

    record Round(String label, int requests, int ok, long baselineBytes, long peakSampledBytes,
                 long peakBeforeGcBytes, long maxAfterGcBytes, long retainedAfterBytes, long allocatedBytes,
                 int gcs, long gcMillis, double wallMillis, double maxLatencyMillis, long requestBytes) {
        long peak() {
            return Math.max(peakSampledBytes, peakBeforeGcBytes);
        }
    }

    /**
     * Sends {@code n} distinct ~1 MB requests at once (a shared 1 MB log as the tool result, each with its own
     * first line so that no memo or store de-duplicates them) and samples the heap while they run.
     */
    static Round measure(HttpClient client, URI uri, String log, int n, String label, FakeUpstream upstream)
            throws Exception {
        System.err.println("heap: " + label);
        List<HttpRequest> requests = requests(uri, log, n);
        long requestBytes = requests.get(0).bodyPublisher().orElseThrow().contentLength();
        fullGc();
        long baseline = MEMORY.getHeapMemoryUsage().getUsed();
        GcWatch gc = GcWatch.start();
        Map<Long, Long> allocBefore = allocatedByThread();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicInteger ok = new AtomicInteger();
        AtomicLong maxLatency = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Fired fired = fire(client, requests);
        double wall = fired.wallMillis();
        ok.set(fired.ok());
        maxLatency.set(Math.round(fired.maxLatencyMillis() * 1e6));
        long allocated = allocatedSince(allocBefore);
        sampler.interrupt();
        sampler.join();
        gc.stop();
        fullGc();
        long retained = MEMORY.getHeapMemoryUsage().getUsed() - baseline;
        System.err.printf(Locale.ROOT, "  ok %d/%d, peak %d MB, upstream last body %d B%n", ok.get(), n,
                Math.max(peak.get(), gc.maxBefore.get()) >> 20, upstream.lastBodyBytes.get());
        return new Round(label, n, ok.get(), baseline, peak.get(), gc.maxBefore.get(), gc.maxAfter.get(), retained,
                allocated, gc.count.get(), gc.millis.get(), wall, maxLatency.get() / 1e6, requestBytes);
    }

    /** The {@code n} distinct ~1 MB Anthropic requests of one burst; the 1 MB part is shared between them. */
    static List<HttpRequest> requests(URI uri, String log, int n) {
        String escaped = JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(log));
        byte[] shared = escaped.substring(1, escaped.length() - 1).getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}]}]}".getBytes(StandardCharsets.UTF_8);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = SEQ.incrementAndGet();
            byte[] head = ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":["
                    + "{\"role\":\"user\",\"content\":\"Why are orders failing? (" + id + ")\"},"
                    + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_" + id
                    + "\",\"name\":\"Bash\",\"input\":{\"command\":\"kubectl logs orders-api-" + id + "\"}}]},"
                    + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_" + id
                    + "\",\"content\":\"pod orders-api-" + id + " log follows\\n").getBytes(StandardCharsets.UTF_8);
            long length = (long) head.length + shared.length + tail.length;
            // the 1 MB part is shared between the requests: the harness holds one copy, not fifty
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofByteArrays(List.of(head, shared, tail)), length);
            requests.add(Workloads.post(uri, body, Duration.ofSeconds(120)));
        }
        return requests;
    }

    /** What one burst did: successes, wall time from the common start, slowest request. */
    record Fired(int ok, int compressed, double wallMillis, double maxLatencyMillis) {
    }

    /** Sends every request at once, one thread each, and waits (at most 2 minutes) for all of them. */
    static Fired fire(HttpClient client, List<HttpRequest> requests) throws InterruptedException {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger compressed = new AtomicInteger();
        AtomicLong maxLatency = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (HttpRequest r : requests) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> resp = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
                    maxLatency.accumulateAndGet(System.nanoTime() - t0, Math::max);
                    if (resp.statusCode() == 200 && resp.body().length > 0) {
                        ok.incrementAndGet();
                    } else {
                        System.err.println("  status " + resp.statusCode() + ": "
                                + new String(resp.body(), StandardCharsets.UTF_8));
                    }
                    if (resp.headers().firstValue("x-headroom-transforms").isPresent()) {
                        compressed.incrementAndGet();
                    }
                } catch (Exception e) {
                    System.err.println("  failed: " + e);
                }
            }, "heap-client");
            t.start();
            threads.add(t);
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(2));
        }
        return new Fired(ok.get(), compressed.get(), (System.nanoTime() - start) / 1e6, maxLatency.get() / 1e6);
    }

    static void fullGc() throws InterruptedException {
        System.gc();
        Thread.sleep(100);
        System.gc();
        Thread.sleep(100);
    }

    static Map<Long, Long> allocatedByThread() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> m = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            m.put(ids[i], bytes[i]);
        }
        return m;
    }

    /** Bytes allocated by live threads since the snapshot (threads that ended meanwhile are not counted). */
    static long allocatedSince(Map<Long, Long> before) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : allocatedByThread().entrySet()) {
            if (e.getValue() > 0) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return sum;
    }
}
