package dev.headroom.bench;

import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.gateway.RateLimiter;
import dev.headroom.gateway.ResponseCache;
import dev.headroom.proxy.ProxyServer;
import dev.headroom.proxy.ServerThreads;
import dev.headroom.stats.CompositeStatsSink;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * The effect of {@code --workers N} (the proxy's request threads), loopback only: a fake Anthropic upstream that
 * answers after {@value #UPSTREAM_DELAY_MS} ms (a model's time to answer, during which the proxy's request thread
 * waits), the real {@link ProxyServer} with each thread choice in turn, and {@value #CLIENTS} concurrent clients.
 * Two workloads: the small request (the proxy's work is negligible, the wait is everything) and the 100K-token
 * agent request resent (compression answered from the memo of one engine shared by every row, still a few ms of
 * CPU per request for parsing, counting and writing 545 KB).
 *
 * <p>Usage: {@code WorkersBenchmark [--out FILE] [--quick]}. With {@code --out}, the section for this Java version
 * in FILE is replaced (appended when absent), so runs on Java 17 and on Java 21+ (virtual threads) sit side by side.
 */
public final class WorkersBenchmark {
    static final int CLIENTS = 64;
    static final long UPSTREAM_DELAY_MS = 100;
    static final String COMMAND = "./mvnw -B -q -pl headroom-cli -am verify -DskipTests -Pproxy-workers";
    private static final int[] WORKERS = {0, 1, 4, 16, 64, 256};

    private WorkersBenchmark() {
    }

    record Row(String workload, String threads, int requests, int errors, double rps, LatencyStats latency) {
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        Duration measure = Duration.ofSeconds(5);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> measure = Duration.ofSeconds(1);
                default -> throw new IllegalArgumentException("usage: WorkersBenchmark [--out FILE] [--quick]");
            }
        }
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int java = Runtime.version().feature();
        String begin = "<!-- proxy-workers:java" + java + ":begin -->";
        String end = "<!-- proxy-workers:java" + java + ":end -->";
        String section = begin + "\n" + run(measure) + end + "\n";
        System.out.println(section);
        if (out != null) {
            ProxyLoadReport.replaceSection(out, section, begin, end);
            System.err.println("wrote section to " + out.toAbsolutePath());
        }
        System.exit(0);
    }

    static String run(Duration measure) throws Exception {
        ExecutorService upstreamPool = Executors.newFixedThreadPool(2 * CLIENTS, ProxyLoadBenchmark.daemon("upstream"));
        FakeUpstream upstream = FakeUpstream.start(upstreamPool, UPSTREAM_DELAY_MS);
        ExecutorService loadPool = Executors.newFixedThreadPool(CLIENTS, ProxyLoadBenchmark.daemon("load"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        LoadDriver load = new LoadDriver(client, loadPool);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        byte[] small = Workloads.smallRequest();
        byte[] agent = BenchInputs.agentRequest().getBytes(StandardCharsets.UTF_8);
        // One engine for every row, its memo filled before the first: each row measures the threads, not a cold memo.
        HeadroomEngine engine = Headroom.builder().build();
        engine.compress(agent);
        List<Row> rows = new ArrayList<>();
        try {
            // An unreported round of both workloads first, so that the first rows do not carry the JIT's warm-up.
            measure(load, upstream, engine, "small", n -> small, 0, measure);
            measure(load, upstream, engine, "agent-resent", n -> agent, 0, measure);
            for (int workers : WORKERS) {
                rows.add(measure(load, upstream, engine, "small", n -> small, workers, measure));
            }
            for (int workers : WORKERS) {
                rows.add(measure(load, upstream, engine, "agent-resent", n -> agent, workers, measure));
            }
        } finally {
            upstream.close();
            loadPool.shutdownNow();
            upstreamPool.shutdownNow();
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return report(rows, measure, loadBefore, loadAfter);
    }

    private static Row measure(LoadDriver load, FakeUpstream upstream, HeadroomEngine engine, String workload,
                               IntFunction<byte[]> bodies, int workers, Duration measure) throws Exception {
        ServerThreads threads = new ServerThreads(workers);
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(upstream.base()).openaiBaseUrl(upstream.base())
                .rateLimit(RateLimiter.Settings.disabled()).responseCache(ResponseCache.Settings.disabled()).build();
        Gateway gateway = new Gateway(engine, config,
                Backends.discover(WorkersBenchmark.class.getClassLoader()), new CompositeStatsSink(List.of()));
        try (ProxyServer proxy = ProxyServer.start(gateway, ProxyLoadBenchmark.LOOPBACK, 0, Optional.empty(), false,
                threads, c -> { })) {
            URI uri = ProxyLoadBenchmark.loopback(proxy.port(), "/v1/messages");
            load.run(uri, bodies, most(Duration.ofSeconds(2)), CLIENTS, Duration.ofSeconds(2)); // warm-up
            LoadDriver.Batch b = load.run(uri, bodies, most(measure), CLIENTS, measure);
            Row row = new Row(workload, label(workers), b.latencies().length, b.errors(),
                    b.latencies().length / (b.elapsedNanos() / 1e9), LatencyStats.of(b.latencies()));
            System.err.printf(Locale.ROOT, "%s %s: %d requests, %.0f req/s, p50 %.1f p99 %.1f ms, errors %d%n",
                    workload, row.threads(), row.requests(), row.rps(), row.latency().p50(), row.latency().p99(), row.errors());
            return row;
        }
    }

    /** More requests than the clients can complete in {@code cap}, so the time cap ends every batch. */
    private static int most(Duration cap) {
        return (int) (CLIENTS * (cap.toMillis() / UPSTREAM_DELAY_MS + 1) * 3 / 2);
    }

    private static String label(int workers) {
        if (workers > 0) {
            return "`--workers " + workers + "`";
        }
        return new ServerThreads(0).virtual() ? "`--workers 0` (virtual threads)" : "`--workers 0` (Jetty default, ≤ 250)";
    }

    private static String report(List<Row> rows, Duration measure, double loadBefore, double loadAfter) {
        StringBuilder sb = new StringBuilder();
        sb.append("Run on Java ").append(Runtime.version().feature()).append(" — ").append(ProxyLoadReport.machine())
                .append(String.format(Locale.ROOT, "; load average %.1f at the start, %.1f at the end.%n%n", loadBefore, loadAfter));
        sb.append(String.format(Locale.ROOT, "%d clients, upstream answers after %d ms; after one unreported round of both "
                + "workloads, each row: a fresh proxy, 2 s warm-up, then %d s measured.%n%n", CLIENTS, UPSTREAM_DELAY_MS,
                measure.toSeconds()));
        sb.append("| workload | request threads | requests | req/s | p50 | p99 | errors |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %s | %s | %d |%n", r.workload(), r.threads(),
                    r.requests(), r.rps(), ProxyLoadReport.ms(r.latency().p50()), ProxyLoadReport.ms(r.latency().p99()),
                    r.errors()));
        }
        return sb.toString();
    }
}
