package dev.headroom.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.net.httpserver.HttpServer;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.gateway.RateLimiter;
import dev.headroom.gateway.ResponseCache;
import dev.headroom.proxy.ProxyServer;
import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.wire.JsonCodec;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load benchmark of the standalone proxy, loopback only: an in-process fake Anthropic upstream (JDK
 * {@code HttpServer}), the real {@link ProxyServer} in front of it, and a JDK {@link HttpClient} load
 * generator that sends the same requests to the upstream directly and through the proxy, alternating in
 * rounds, so that both sides see the same machine state. Reports latency p50/p99, added latency,
 * throughput relative to direct, and heap under 50 concurrent 1 MB requests.
 *
 * <p>Usage: {@code ProxyLoadBenchmark [--out FILE] [--quick]}. With {@code --out}, the section between
 * {@value #BEGIN} and {@value #END} in FILE is replaced (appended when absent). {@code --quick} is a smoke
 * run with small counts whose figures mean nothing. Every address used is 127.0.0.1.
 */
public final class ProxyLoadBenchmark {
    static final String BEGIN = "<!-- proxy-load:begin -->";
    static final String END = "<!-- proxy-load:end -->";
    static final String COMMAND = "./mvnw -B -q -pl headroom-cli -am verify -DskipTests -Pproxy-load";
    static final String LOOPBACK = "127.0.0.1";

    static final byte[] RESPONSE = ("{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"The payment gateway timed out.\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":1200,\"output_tokens\":9}}")
            .getBytes(StandardCharsets.UTF_8);

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private ProxyLoadBenchmark() {
    }

    /** How much work each phase does; every batch is also capped in time. */
    record Plan(int smallWarmup, int smallPerRound, int agentWarmup, int agentPerRound, int newWarmup,
                int newPerRound, int rounds, Duration batchCap, int heapRounds) {
        static Plan full() {
            return new Plan(3000, 1000, 60, 40, 12, 12, 4, Duration.ofSeconds(20), 3);
        }

        static Plan quick() {
            return new Plan(200, 100, 5, 5, 2, 2, 2, Duration.ofSeconds(5), 1);
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        Plan plan = Plan.full();
        Set<String> only = Set.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> plan = Plan.quick();
                case "--full" -> plan = Plan.full();
                case "--only" -> only = Set.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("usage: ProxyLoadBenchmark [--out FILE] [--full|--quick] [--only small,agent-resent,agent-new,heap]");
            }
        }
        // The JDK server flushes headers and body separately; with Nagle's algorithm on, a delayed ACK can
        // stall the body by tens of ms. Read once when the server classes load, so set it first.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String section = run(plan, only);
        System.out.println(section);
        if (out != null) {
            replaceSection(out, section);
            System.err.println("wrote section to " + out.toAbsolutePath());
        }
        System.exit(0);
    }

    /** Runs every workload, or only those named (for profiling one of them). */
    static String run(Plan plan, Set<String> only) throws Exception {
        ExecutorService upstreamPool = Executors.newFixedThreadPool(64, daemon("upstream"));
        FakeUpstream upstream = FakeUpstream.start(upstreamPool);
        Recorder proxyStats = new Recorder();
        ProxyServer proxy = startProxy(Headroom.builder().build(), upstream.base(), proxyStats);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        ExecutorService loadPool = Executors.newFixedThreadPool(8, daemon("load"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Load load = new Load(client, loadPool);
        try {
            URI direct = loopback(upstream.port(), "/v1/messages");
            URI viaProxy = loopback(proxy.port(), "/v1/messages");

            byte[] small = smallRequest();
            String agentJson = BenchInputs.agentRequest();
            byte[] agent = agentJson.getBytes(StandardCharsets.UTF_8);
            AgentVariants fresh = new AgentVariants(agentJson);

            List<Scenario> scenarios = new ArrayList<>();
            for (int c : new int[] {1, 8}) {
                if (!only.isEmpty() && !only.contains("small")) {
                    break;
                }
                scenarios.add(load.measure("small", "small request (" + small.length + " B, no tool output)", n -> small,
                        direct, viaProxy, proxyStats, upstream, c, plan.smallWarmup(), plan.smallPerRound() * (c == 1 ? 1 : 2),
                        plan.rounds(), plan.batchCap()));
            }
            for (int c : new int[] {1, 8}) {
                if (!only.isEmpty() && !only.contains("agent-resent")) {
                    break;
                }
                scenarios.add(load.measure("agent-resent", "the 100K-token agent request of `BenchInputs.agentRequest()` ("
                                + kb(agent.length) + "), the same bytes every time: the engine's memo by content hash answers "
                                + "(an agent resending its conversation)", n -> agent, direct, viaProxy, proxyStats, upstream, c,
                        plan.agentWarmup(), plan.agentPerRound() * (c == 1 ? 1 : 2), plan.rounds(), plan.batchCap()));
            }
            for (int c : new int[] {1, 8}) {
                if (!only.isEmpty() && !only.contains("agent-new")) {
                    break;
                }
                scenarios.add(load.measure("agent-new", "the same request with every one of its 10 tool outputs made new "
                                + "for each request (a unique run of trailing blanks appended), so every output is detected, "
                                + "compressed, counted and retained from scratch — the worst case", fresh::next, direct, viaProxy,
                        proxyStats, upstream, c,
                        plan.newWarmup(), plan.newPerRound() * (c == 1 ? 1 : 2), plan.rounds(), plan.batchCap()));
            }

            List<HeapRound> heap = new ArrayList<>();
            if (only.isEmpty() || only.contains("heap")) {
                String log = BenchInputs.log(1 << 20);
                // warm-up round through the proxy, not reported
                heapBurst(client, viaProxy, log, 50, "warmup", upstream);
                heap.add(heapBurst(client, direct, log, 50, "direct (reference)", upstream));
                for (int r = 1; r <= plan.heapRounds(); r++) {
                    heap.add(heapBurst(client, viaProxy, log, 50, "proxy round " + r, upstream));
                }
            }
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return report(plan, scenarios, heap, loadBefore, loadAfter);
        } finally {
            proxy.close();
            upstream.close();
            loadPool.shutdownNow();
            upstreamPool.shutdownNow();
        }
    }

    static ProxyServer startProxy(HeadroomEngine engine, URI upstream, StatsSink sink) {
        // The shared-proxy controls would answer this load themselves (one key far above 1,000 requests a minute,
        // the same bytes again and again), so they are off: what is measured is compression and forwarding.
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(upstream).openaiBaseUrl(upstream)
                .rateLimit(RateLimiter.Settings.disabled())
                .responseCache(ResponseCache.Settings.disabled()).build();
        Gateway gateway = new Gateway(engine, config, Backends.discover(ProxyLoadBenchmark.class.getClassLoader()),
                new CompositeStatsSink(List.of(sink)));
        return ProxyServer.start(gateway, LOOPBACK, 0, Optional.empty(), false);
    }

    static URI loopback(int port, String path) {
        URI uri = URI.create("http://" + LOOPBACK + ":" + port + path);
        if (!LOOPBACK.equals(uri.getHost())) {
            throw new IllegalStateException("not loopback: " + uri);
        }
        return uri;
    }

    static byte[] smallRequest() {
        return ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Summarise the last deployment in two sentences and say whether anything needs a rollback. "
                + "Keep it short; the on-call engineer reads it on a phone.\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- fake upstream

    /** Answers every request with {@link #RESPONSE} right after reading the whole body. */
    static final class FakeUpstream implements AutoCloseable {
        final HttpServer server;
        final AtomicLong lastBodyBytes = new AtomicLong();
        final AtomicLong requests = new AtomicLong();

        private FakeUpstream(HttpServer server) {
            this.server = server;
        }

        static FakeUpstream start(ExecutorService pool) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0), 512);
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
            return loopback(port(), "");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    // ---------------------------------------------------------------- stats sink (the proxy's own view)

    /** Keeps the gateway's own pre-forward overhead and token counts per request. */
    static final class Recorder implements StatsSink {
        final ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();

        @Override
        public String name() {
            return "bench-recorder";
        }

        @Override
        public void record(RequestRecord record) {
            records.add(record);
        }
    }

    /** Variants of the agent request whose tool outputs are new each time (trailing blanks encode a counter). */
    static final class AgentVariants {
        final com.fasterxml.jackson.databind.node.ObjectNode template;
        final AtomicInteger seq = new AtomicInteger();

        AgentVariants(String json) {
            template = (com.fasterxml.jackson.databind.node.ObjectNode) JsonCodec.parse(json.getBytes(StandardCharsets.UTF_8));
        }

        byte[] next(int ignored) {
            int k = seq.incrementAndGet();
            StringBuilder suffix = new StringBuilder("\n");
            for (int bit = 20; bit >= 0; bit--) {
                suffix.append((k >> bit & 1) == 1 ? '\t' : ' ');
            }
            com.fasterxml.jackson.databind.node.ObjectNode copy = template.deepCopy();
            for (com.fasterxml.jackson.databind.JsonNode m : copy.get("messages")) {
                com.fasterxml.jackson.databind.JsonNode content = m.get("content");
                if (content != null && content.isArray()) {
                    for (com.fasterxml.jackson.databind.JsonNode block : content) {
                        if ("tool_result".equals(block.path("type").asText())) {
                            ((com.fasterxml.jackson.databind.node.ObjectNode) block).put("content",
                                    block.get("content").asText() + suffix);
                        }
                    }
                }
            }
            return JsonCodec.writeBytes(copy);
        }
    }

    // ---------------------------------------------------------------- load generator

    record Batch(long[] latencies, int errors, long elapsedNanos) {
    }

    /** One workload at one concurrency: direct and proxy figures from interleaved rounds. */
    record Scenario(String key, String label, int concurrency, Stats direct, Stats proxy, double directRps,
                    double proxyRps, int errors, long upstreamBytesViaProxy, long tokensBefore, long tokensAfter,
                    Stats proxyPreForward) {
    }

    record Stats(int n, double p50, double p99, double max) {
        static Stats of(long[] nanos) {
            if (nanos.length == 0) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
            }
            long[] s = nanos.clone();
            Arrays.sort(s);
            return new Stats(s.length, pct(s, 50) / 1e6, pct(s, 99) / 1e6, s[s.length - 1] / 1e6);
        }

        static Stats ofMillis(double[] millis) {
            long[] ns = new long[millis.length];
            for (int i = 0; i < millis.length; i++) {
                ns[i] = Math.round(millis[i] * 1e6);
            }
            return of(ns);
        }

        /** Nearest-rank percentile. */
        static long pct(long[] sorted, double p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }

    static final class Load {
        final HttpClient client;
        final ExecutorService pool;

        Load(HttpClient client, ExecutorService pool) {
            this.client = client;
            this.pool = pool;
        }

        static HttpRequest request(URI uri, byte[] body) {
            return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("content-type", "application/json")
                    .header("x-api-key", "sk-ant-bench-not-a-key")
                    .header("anthropic-version", "2023-06-01")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        }

        /** Sends {@code count} requests (bodies made before the clock starts) from {@code concurrency} threads, stopping early at the cap. */
        Batch run(URI uri, java.util.function.IntFunction<byte[]> bodies, int count, int concurrency, Duration cap)
                throws Exception {
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

        Scenario measure(String key, String label, java.util.function.IntFunction<byte[]> bodies, URI direct, URI proxied,
                         Recorder stats,
                         FakeUpstream upstream, int concurrency, int warmup, int perRound, int rounds, Duration cap)
                throws Exception {
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
            for (int r = 0; r < rounds; r++) {
                // alternate which side goes first so that drift does not favour one of them
                for (int side = 0; side < 2; side++) {
                    boolean proxySide = (side == 0) == (r % 2 == 1);
                    Batch b = run(proxySide ? proxied : direct, bodies, perRound, concurrency, cap);
                    errors += b.errors();
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
            Scenario s = new Scenario(key, label, concurrency, Stats.of(dAll), Stats.of(pAll), dAll.length / (dNanos / 1e9),
                    pAll.length / (pNanos / 1e9), errors, forwarded, before, after, Stats.ofMillis(pre));
            System.err.printf(Locale.ROOT, "  direct p50 %.3f p99 %.3f | proxy p50 %.3f p99 %.3f ms | errors %d%n",
                    s.direct().p50(), s.direct().p99(), s.proxy().p50(), s.proxy().p99(), errors);
            return s;
        }
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

    // ---------------------------------------------------------------- heap under 50 concurrent 1 MB requests

    record HeapRound(String label, int requests, int ok, long baselineBytes, long peakSampledBytes,
                     long peakBeforeGcBytes, long maxAfterGcBytes, long retainedAfterBytes, long allocatedBytes,
                     int gcs, long gcMillis, double wallMillis, double maxLatencyMillis, long requestBytes) {
        long peak() {
            return Math.max(peakSampledBytes, peakBeforeGcBytes);
        }
    }

    static final AtomicInteger HEAP_SEQ = new AtomicInteger();

    /**
     * Sends {@code n} distinct ~1 MB requests at once (a shared 1 MB log as the tool result, each with its own
     * first line so that no memo or store de-duplicates them) and samples the heap while they run.
     */
    static HeapRound heapBurst(HttpClient client, URI uri, String log, int n, String label, FakeUpstream upstream)
            throws Exception {
        System.err.println("heap: " + label);
        String escaped = JsonCodec.write(JsonCodec.mapper().getNodeFactory().textNode(log));
        byte[] shared = escaped.substring(1, escaped.length() - 1).getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}]}]}".getBytes(StandardCharsets.UTF_8);
        List<HttpRequest> requests = new ArrayList<>();
        long requestBytes = 0;
        for (int i = 0; i < n; i++) {
            int id = HEAP_SEQ.incrementAndGet();
            byte[] head = ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":["
                    + "{\"role\":\"user\",\"content\":\"Why are orders failing? (" + id + ")\"},"
                    + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_" + id
                    + "\",\"name\":\"Bash\",\"input\":{\"command\":\"kubectl logs orders-api-" + id + "\"}}]},"
                    + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_" + id
                    + "\",\"content\":\"pod orders-api-" + id + " log follows\\n").getBytes(StandardCharsets.UTF_8);
            long length = (long) head.length + shared.length + tail.length;
            requestBytes = length;
            // the 1 MB part is shared between the requests: the harness holds one copy, not fifty
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofByteArrays(List.of(head, shared, tail)), length);
            requests.add(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                    .header("content-type", "application/json").header("x-api-key", "sk-ant-bench-not-a-key")
                    .header("anthropic-version", "2023-06-01").POST(body).build());
        }
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
        double wall = (System.nanoTime() - start) / 1e6;
        long allocated = allocatedSince(allocBefore);
        sampler.interrupt();
        sampler.join();
        gc.stop();
        fullGc();
        long retained = MEMORY.getHeapMemoryUsage().getUsed() - baseline;
        System.err.printf(Locale.ROOT, "  ok %d/%d, peak %d MB, upstream last body %d B%n", ok.get(), n,
                Math.max(peak.get(), gc.maxBefore.get()) >> 20, upstream.lastBodyBytes.get());
        return new HeapRound(label, n, ok.get(), baseline, peak.get(), gc.maxBefore.get(), gc.maxAfter.get(), retained,
                allocated, gc.count.get(), gc.millis.get(), wall, maxLatency.get() / 1e6, requestBytes);
    }

    static void fullGc() throws InterruptedException {
        System.gc();
        Thread.sleep(100);
        System.gc();
        Thread.sleep(100);
    }

    /** Heap occupancy just before and after every collection, from the GC notifications. */
    static final class GcWatch {
        final AtomicLong maxBefore = new AtomicLong();
        final AtomicLong maxAfter = new AtomicLong();
        final AtomicInteger count = new AtomicInteger();
        final AtomicLong millis = new AtomicLong();
        final List<Runnable> removers = new ArrayList<>();

        static GcWatch start() {
            GcWatch w = new GcWatch();
            Set<String> heapPools = new HashSet<>();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    heapPools.add(p.getName());
                }
            }
            NotificationListener listener = (notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                w.maxBefore.accumulateAndGet(sum(info.getGcInfo().getMemoryUsageBeforeGc(), heapPools), Math::max);
                w.maxAfter.accumulateAndGet(sum(info.getGcInfo().getMemoryUsageAfterGc(), heapPools), Math::max);
                w.count.incrementAndGet();
                w.millis.addAndGet(info.getGcInfo().getDuration());
            };
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                NotificationEmitter emitter = (NotificationEmitter) gc;
                emitter.addNotificationListener(listener, null, null);
                w.removers.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException ignored) {
                        // already gone
                    }
                });
            }
            return w;
        }

        static long sum(Map<String, MemoryUsage> usage, Set<String> pools) {
            return usage.entrySet().stream().filter(e -> pools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
        }

        void stop() throws InterruptedException {
            Thread.sleep(50); // notifications are delivered asynchronously
            removers.forEach(Runnable::run);
        }
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

    // ---------------------------------------------------------------- report

    static String report(Plan plan, List<Scenario> scenarios, List<HeapRound> heap, double loadBefore, double loadAfter) {
        StringBuilder sb = new StringBuilder();
        sb.append(BEGIN).append('\n');
        sb.append("## Proxy overhead under load (loopback)\n\n");
        sb.append("Command (from the repository root; nothing is installed to `~/.m2`, about 2–3 minutes):\n\n");
        sb.append("```sh\n").append(COMMAND).append("\n```\n\n");
        sb.append("The `proxy-load` profile (in `headroom-cli/pom.xml`) runs `java ").append(String.join(" ", jvmFlags()))
                .append(" -cp <test classpath> dev.headroom.bench.ProxyLoadBenchmark --full --out BENCHMARKS.md`")
                .append(plan.equals(Plan.quick()) ? " (this run: `--quick`, a smoke run — figures are not meaningful)" : "")
                .append(". Source: `headroom-cli/src/test/java/dev/headroom/bench/ProxyLoadBenchmark.java`; "
                        + "`-Dproxy-load.mode=quick` is a smoke run, `--only small,agent-resent,agent-new,heap` (when "
                        + "running the class directly) runs a subset, e.g. under a profiler.\n\n");
        sb.append("Machine: ").append(machine()).append(String.format(Locale.ROOT, "; system load average %.1f at the "
                + "start and %.1f at the end of the run (above 2 means other processes competed for the 2 cores).%n%n",
                loadBefore, loadAfter));
        sb.append("Set-up, all in one JVM on 127.0.0.1: a fake Anthropic upstream (JDK `HttpServer`, 64 threads, reads the "
                + "whole body, answers a fixed ").append(RESPONSE.length).append("-byte message at once); the real "
                + "`ProxyServer` (Javalin/Jetty, `Headroom.builder().build()`, default `GatewayConfig` except that the per-key rate limit and the response "
                + "cache are off, since they would answer this load themselves) in front of it; a JDK "
                + "`HttpClient` (HTTP/1.1, keep-alive) sending the same bytes either **directly** to the upstream or "
                + "**through the proxy**. Each row: a warm-up on both sides, then ").append(plan.rounds())
                .append(" interleaved rounds (direct, proxy, proxy, direct, …) so both sides see the same machine state; "
                        + "every batch is capped at ").append(plan.batchCap().toSeconds()).append(" s. Latency is the "
                        + "client's wall time per request. *Added* = proxy − direct at the same percentile. Throughput is "
                        + "requests completed per second of the batches' wall time; with concurrency 1 it is just 1/mean "
                        + "latency. Client, proxy and upstream share the 2 cores, so at concurrency 8 the proxy's CPU "
                        + "competes with the load generator's.\n\n");

        sb.append("### Latency and throughput\n\n");
        sb.append("| workload | conc. | requests direct / proxy | direct p50 | direct p99 | proxy p50 | proxy p99 | "
                + "**added p50** | **added p99** | direct req/s | proxy req/s | proxy / direct |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Scenario s : scenarios) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d / %d | %s | %s | %s | %s | **%s** | **%s** | %.0f | %.0f | %.2f |%n",
                    s.key(), s.concurrency(), s.direct().n(), s.proxy().n(), ms(s.direct().p50()), ms(s.direct().p99()),
                    ms(s.proxy().p50()), ms(s.proxy().p99()), ms(s.proxy().p50() - s.direct().p50()),
                    ms(s.proxy().p99() - s.direct().p99()), s.directRps(), s.proxyRps(), s.proxyRps() / s.directRps()));
        }
        sb.append("\nWorkloads:\n");
        scenarios.stream().filter(s -> s.concurrency() == 1).forEach(s -> sb.append("- `").append(s.key()).append("`: ")
                .append(s.label()).append(s.tokensBefore() > 0 ? String.format(Locale.ROOT,
                        "; %,d → %,d tokens, %s arrive upstream", s.tokensBefore(), s.tokensAfter(), kb(s.upstreamBytesViaProxy()))
                        : "; forwarded unchanged (" + s.upstreamBytesViaProxy() + " B upstream)").append(".\n"));
        int errors = scenarios.stream().mapToInt(Scenario::errors).sum();
        sb.append("\nErrors (non-200 or I/O) in all measured batches: ").append(errors).append(".\n\n");

        sb.append("Where the proxy's time goes — the gateway's own `overheadMillis` (request received → about to call the "
                + "upstream: decode, parse, compress, count tokens, inject the retrieve tool), from a `StatsSink` that "
                + "only collects records:\n\n");
        sb.append("| workload | conc. | added p50 (client) | pre-forward p50 | pre-forward p99 |\n");
        sb.append("|---|---:|---:|---:|---:|\n");
        for (Scenario s : scenarios) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", s.key(), s.concurrency(),
                    ms(s.proxy().p50() - s.direct().p50()), ms(s.proxyPreForward().p50()), ms(s.proxyPreForward().p99())));
        }
        sb.append("\n### Targets (issue 4)\n\n");
        sb.append("| target | measured | met |\n|---|---|---|\n");
        for (Scenario s : scenarios) {
            double addedP50 = s.proxy().p50() - s.direct().p50();
            double addedP99 = s.proxy().p99() - s.direct().p99();
            double limit = s.key().equals("small") ? 1.0 : 50.0;
            sb.append(String.format(Locale.ROOT, "| %s, conc. %d: added p50 ≤ %.0f ms | %s | %s |%n", s.key(), s.concurrency(),
                    limit, ms(addedP50), addedP50 <= limit ? "yes" : "**no**"));
            sb.append(String.format(Locale.ROOT, "| %s, conc. %d: added p99 < 100 ms | %s | %s |%n", s.key(), s.concurrency(),
                    ms(addedP99), addedP99 < 100 ? "yes" : "**no**"));
        }

        sb.append("\n### Heap under 50 concurrent 1 MB requests\n\n");
        if (heap.isEmpty()) {
            sb.append("(not run)\n").append(END).append('\n');
            return sb.toString();
        }
        HeapRound first = heap.get(0);
        sb.append(String.format(Locale.ROOT, "Each burst: 50 requests of %s started together (an Anthropic request whose "
                + "tool result is a 1 MB generated service log; every request has its own first line, so no memo or "
                + "store de-duplicates them; the harness holds the shared 1 MB once). Heap figures are for the whole JVM "
                + "(client, proxy, fake upstream). *Peak used* is the larger of a 1 ms `MemoryMXBean` sample and the "
                + "occupancy before each GC (GC notifications); *max after GC* is the highest occupancy any collection "
                + "during the burst left behind (≈ live data at that moment); *retained* is what survives a full GC "
                + "after the burst, against the baseline taken after a full GC before it (the baseline includes about "
                + "45 MB of jtokkit vocabularies and the in-memory retention store, which keeps the originals of "
                + "compressed outputs for retrieval up to its default 64 M characters and is full after the first "
                + "bursts); *allocated* sums the per-thread allocation counters of live threads "
                + "(the 50 client threads excluded). `-Xmx` is %s; the collector is %s. One unreported warm-up burst "
                + "through the proxy precedes these.%n%n", kb(first.requestBytes()), mb(Runtime.getRuntime().maxMemory()),
                gcNames()));
        sb.append("| burst | ok | baseline | **peak used** | peak − baseline | max after GC | retained | allocated | GCs (ms) | wall | slowest |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (HeapRound h : heap) {
            sb.append(String.format(Locale.ROOT, "| %s | %d/%d | %s | **%s** | %s | %s | %s | %s | %d (%d) | %s | %s |%n",
                    h.label(), h.ok(), h.requests(), mb(h.baselineBytes()), mb(h.peak()), mb(h.peak() - h.baselineBytes()),
                    h.gcs() == 0 ? "—" : mb(h.maxAfterGcBytes()), mb(h.retainedAfterBytes()), mb(h.allocatedBytes()), h.gcs(), h.gcMillis(),
                    ms(h.wallMillis()), ms(h.maxLatencyMillis())));
        }
        boolean allOk = heap.stream().allMatch(h -> h.ok() == h.requests());
        sb.append("\nAll requests succeeded: ").append(allOk ? "yes" : "**no**").append(".\n");
        sb.append(END).append('\n');
        return sb.toString();
    }

    static List<String> jvmFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    static String machine() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%d cores, %s %s (%s), %s %s; JVM flags `%s`, max heap %s, %s",
                rt.availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"),
                String.join(" ", jvmFlags()), mb(rt.maxMemory()), gcNames());
    }

    static String gcNames() {
        return String.join(" + ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
    }

    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return Math.abs(v) < 10 ? String.format(Locale.ROOT, "%.2f ms", v) : String.format(Locale.ROOT, "%.1f ms", v);
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%d MB", Math.round(bytes / 1048576.0));
    }

    static String kb(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.2f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%d KB", Math.round(bytes / 1024.0));
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Replaces the marked section of {@code file}, or appends it; creates the file when missing. */
    static void replaceSection(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        String updated;
        if (b >= 0 && e > b) {
            int after = e + END.length();
            if (after < text.length() && text.charAt(after) == '\n') {
                after++;
            }
            updated = text.substring(0, b) + section + text.substring(after);
        } else {
            updated = text.isEmpty() ? section : text + (text.endsWith("\n") ? "\n" : "\n\n") + section;
        }
        Files.writeString(file, updated);
    }
}
