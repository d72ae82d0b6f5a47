package dev.headroom.bench;

import dev.headroom.spi.RequestRecord;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Sends batches of requests directly and through the proxy, in interleaved rounds, and collects their latencies. */
final class LoadDriver {
    final HttpClient client;
    final ExecutorService pool;

    LoadDriver(HttpClient client, ExecutorService pool) {
        this.client = client;
        this.pool = pool;
    }

    record Batch(long[] latencies, int errors, long elapsedNanos) {
    }

    static HttpRequest request(URI uri, byte[] body) {
        return Workloads.post(uri, HttpRequest.BodyPublishers.ofByteArray(body), Duration.ofSeconds(60));
    }

    /** Sends {@code count} requests (bodies made before the clock starts) from {@code concurrency} threads, stopping early at the cap. */
    Batch run(URI uri, IntFunction<byte[]> bodies, int count, int concurrency, Duration cap) throws Exception {
        List<HttpRequest> requests = new ArrayList<>(count);
        byte[] previous = null;
        HttpRequest previousRequest = null;
        for (int i = 0; i < count; i++) {
            byte[] body = bodies.apply(i);
            if (body != previous) {
                previous = body;
                previousRequest = request(uri, body);
            }
            requests.add(previousRequest);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long deadline = System.nanoTime() + cap.toNanos();
        long[][] lat = new long[concurrency][count];
        int[] done = new int[concurrency];
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            int me = t;
            futures.add(pool.submit(() -> {
                go.await();
                for (int i; (i = next.getAndIncrement()) < count && System.nanoTime() < deadline; ) {
                    HttpRequest request = requests.get(i);
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200 || r.body().length == 0) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    }
                    lat[me][done[me]++] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        long elapsed = System.nanoTime() - start;
        int total = Arrays.stream(done).sum();
        long[] all = new long[total];
        int k = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(lat[t], 0, all, k, done[t]);
            k += done[t];
        }
        return new Batch(all, errors.get(), elapsed);
    }

    Scenario measure(String key, String label, IntFunction<byte[]> bodies, URI direct, URI proxied,
                     OverheadRecorder stats, FakeUpstream upstream, int concurrency, int warmup, int perRound,
                     int rounds, Duration cap) throws Exception {
        System.err.printf(Locale.ROOT, "%s c=%d: warm-up %d + %d rounds x %d%n", key, concurrency, warmup, rounds, perRound);
        run(direct, bodies, warmup, concurrency, cap);
        run(proxied, bodies, warmup, concurrency, cap);
        HttpResponse<byte[]> probe = client.send(request(proxied, bodies.apply(0)), HttpResponse.BodyHandlers.ofByteArray());
        long before = probe.headers().firstValue("x-headroom-tokens-before").map(Long::parseLong).orElse(0L);
        long after = probe.headers().firstValue("x-headroom-tokens-after").map(Long::parseLong).orElse(0L);
        long forwarded = upstream.lastBodyBytes.get();
        stats.records.clear();
        List<long[]> dl = new ArrayList<>();
        List<long[]> pl = new ArrayList<>();
        long dNanos = 0;
        long pNanos = 0;
        int errors = 0;
        int directErrors = 0;
        for (int r = 0; r < rounds; r++) {
            // alternate which side goes first so that drift does not favour one of them
            for (int side = 0; side < 2; side++) {
                boolean proxySide = (side == 0) == (r % 2 == 1);
                Batch b = run(proxySide ? proxied : direct, bodies, perRound, concurrency, cap);
                if (proxySide) {
                    errors += b.errors();
                } else {
                    directErrors += b.errors();
                }
                if (proxySide) {
                    pl.add(b.latencies());
                    pNanos += b.elapsedNanos();
                } else {
                    dl.add(b.latencies());
                    dNanos += b.elapsedNanos();
                }
            }
        }
        long[] dAll = concat(dl);
        long[] pAll = concat(pl);
        double[] pre = stats.records.stream().mapToDouble(RequestRecord::overheadMillis).toArray();
        Scenario s = new Scenario(key, label, concurrency, LatencyStats.of(dAll), LatencyStats.of(pAll),
                dAll.length / (dNanos / 1e9), pAll.length / (pNanos / 1e9), errors, directErrors, forwarded, before, after,
                LatencyStats.ofMillis(pre));
        System.err.printf(Locale.ROOT, "  direct p50 %.3f p99 %.3f | proxy p50 %.3f p99 %.3f ms | errors proxy %d, direct %d%n",
                s.direct().p50(), s.direct().p99(), s.proxy().p50(), s.proxy().p99(), errors, directErrors);
        return s;
    }

    static long[] concat(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(a -> a.length).sum()];
        int k = 0;
        for (long[] a : parts) {
            System.arraycopy(a, 0, all, k, a.length);
            k += a.length;
        }
        return all;
    }
}
