package dev.headroom.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/** Client-side probes of the standalone benchmark: first streamed byte, paced load, CPU per request. */
final class Probes {
    private Probes() {
    }

    /** Client wall time to the first body byte and to the end of a streamed answer, per request. */
    record Streamed(long[] firstByteNanos, long[] wholeNanos, int errors) {
    }

    /** Sends {@code n} streaming requests one after another and times each one's first body byte. */
    static Streamed firstBytes(HttpClient client, URI uri, byte[] body, int n) throws InterruptedException {
        long[] first = new long[n];
        long[] whole = new long[n];
        int errors = 0;
        HttpRequest request = LoadDriver.request(uri, body);
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            try {
                HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = r.body()) {
                    int b = in.read();
                    first[i] = System.nanoTime() - t0;
                    in.readAllBytes();
                    whole[i] = System.nanoTime() - t0;
                    if (r.statusCode() != 200 || b < 0) {
                        errors++;
                    }
                }
            } catch (IOException e) {
                errors++;
            }
        }
        return new Streamed(first, whole, errors);
    }

    /** Requests a paced (open-loop) run completed per second, and its errors. */
    record Paced(double offeredPerSecond, double completedPerSecond, int completed, int errors) {
    }

    /**
     * Offers {@code rate} requests per second for {@code seconds}, spread over {@code threads} senders that each
     * keep to their own schedule (a late request is sent at once, never skipped).
     */
    static Paced paced(HttpClient client, ExecutorService pool, URI uri, byte[] body, int threads, double rate,
                       double seconds) throws Exception {
        HttpRequest request = LoadDriver.request(uri, body);
        int total = (int) Math.round(rate * seconds);
        long intervalNanos = Math.round(1e9 / rate);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime() + 20_000_000L;
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            futures.add(pool.submit(() -> {
                for (int k = me; k < total; k += threads) {
                    long due = start + k * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    try {
                        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200 || r.body().length == 0) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Paced(rate, done.get() / elapsed, done.get(), errors.get());
    }

    /** CPU one side used per request over a closed-loop batch. */
    record Cpu(int requests, int errors, double seconds, long cpuNanos) {
        double microsPerRequest() {
            return cpuNanos / 1e3 / Math.max(1, requests);
        }

        double perSecond() {
            return requests / seconds;
        }
    }

    /** Runs a closed-loop batch through {@code driver} and reads {@code cpu} before and after it. */
    static Cpu cpu(LoadDriver driver, URI uri, byte[] body, int count, int concurrency, LongSupplier cpu)
            throws Exception {
        long before = cpu.getAsLong();
        LoadDriver.Batch b = driver.run(uri, n -> body, count, concurrency, java.time.Duration.ofSeconds(60));
        long used = cpu.getAsLong() - before;
        return new Cpu(b.latencies().length, b.errors(), b.elapsedNanos() / 1e9, used);
    }
}
