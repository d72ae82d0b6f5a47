package dev.headroom.bench;

import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.gateway.RateLimiter;
import dev.headroom.gateway.ResponseCache;
import dev.headroom.proxy.ProxyServer;
import dev.headroom.spi.StatsSink;
import dev.headroom.stats.CompositeStatsSink;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load benchmark of the standalone proxy, loopback only: an in-process fake Anthropic upstream
 * ({@link FakeUpstream}), the real {@link ProxyServer} in front of it, and a JDK {@link HttpClient} load
 * generator ({@link LoadDriver}) that sends the same requests to the upstream directly and through the proxy,
 * alternating in rounds, so that both sides see the same machine state. Reports latency p50/p99, added latency,
 * throughput relative to direct, and heap under 50 concurrent 1 MB requests ({@link HeapBurst}).
 *
 * <p>Usage: {@code ProxyLoadBenchmark [--out FILE] [--quick]}. With {@code --out}, the section between
 * {@value ProxyLoadReport#BEGIN} and {@value ProxyLoadReport#END} in FILE is replaced (appended when absent).
 * {@code --quick} is a smoke run with small counts whose figures mean nothing. Every address used is 127.0.0.1.
 */
public final class ProxyLoadBenchmark {
    static final String LOOPBACK = "127.0.0.1";

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
        Path jar = Path.of("headroom-cli", "target", "headroom.jar");
        String baselineJar = System.getProperty("proxy-load.baseline-jar", "").strip();
        String childJvm = System.getProperty("proxy-load.child-jvm", "").strip();
        List<String> childFlags = childJvm.isEmpty() ? List.of() : List.of(childJvm.split("\\s+"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> plan = Plan.quick();
                case "--full" -> plan = Plan.full();
                case "--only" -> only = Set.of(args[++i].split(","));
                case "--jar" -> jar = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: ProxyLoadBenchmark [--out FILE] [--full|--quick] "
                        + "[--only small,agent-resent,agent-new,heap,standalone,standalone-bursts,standalone-small] [--jar headroom.jar]");
            }
        }
        // The JDK server flushes headers and body separately; with Nagle's algorithm on, a delayed ACK can
        // stall the body by tens of ms. Read once when the server classes load, so set it first.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String section = run(plan, only, jar, childFlags, baselineJar.isEmpty() ? null : Path.of(baselineJar));
        System.out.println(section);
        if (out != null) {
            ProxyLoadReport.replaceSection(out, section);
            System.err.println("wrote section to " + out.toAbsolutePath());
        }
        System.exit(0);
    }

    /** Runs every workload, or only those named (for profiling one of them). */
    static String run(Plan plan, Set<String> only, Path jar, List<String> childFlags, Path baselineJar) throws Exception {
        ExecutorService upstreamPool = Executors.newFixedThreadPool(64, daemon("upstream"));
        FakeUpstream upstream = FakeUpstream.start(upstreamPool);
        OverheadRecorder proxyStats = new OverheadRecorder();
        ProxyServer proxy = startProxy(Headroom.builder().build(), upstream.base(), proxyStats);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        ExecutorService loadPool = Executors.newFixedThreadPool(8, daemon("load"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        LoadDriver load = new LoadDriver(client, loadPool);
        try {
            URI direct = loopback(upstream.port(), "/v1/messages");
            URI viaProxy = loopback(proxy.port(), "/v1/messages");

            byte[] small = Workloads.smallRequest();
            String agentJson = BenchInputs.agentRequest();
            byte[] agent = agentJson.getBytes(StandardCharsets.UTF_8);
            Workloads.AgentVariants fresh = new Workloads.AgentVariants(agentJson);

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
                                + ProxyLoadReport.kb(agent.length) + "), the same bytes every time: the engine's memo by "
                                + "content hash answers (an agent resending its conversation)", n -> agent, direct, viaProxy,
                        proxyStats, upstream, c,
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

            List<HeapBurst.Round> heap = new ArrayList<>();
            if (only.isEmpty() || only.contains("heap")) {
                String log = BenchInputs.log(1 << 20);
                // warm-up round through the proxy, not reported
                HeapBurst.measure(client, viaProxy, log, 50, "warmup", upstream);
                heap.add(HeapBurst.measure(client, direct, log, 50, "direct (reference)", upstream));
                for (int r = 1; r <= plan.heapRounds(); r++) {
                    heap.add(HeapBurst.measure(client, viaProxy, log, 50, "proxy round " + r, upstream));
                }
            }
            Optional<StandaloneBenchmark.Result> standalone = Optional.empty();
            Optional<StandaloneBenchmark.Result> baseline = Optional.empty();
            if (only.isEmpty() || only.contains("standalone") || only.contains("standalone-bursts")
                    || only.contains("standalone-small")) {
                String part = only.contains("standalone-bursts") ? "bursts" : only.contains("standalone-small") ? "small" : "all";
                if (baselineJar != null) {
                    System.err.println("standalone, baseline jar " + baselineJar);
                    baseline = Optional.of(StandaloneBenchmark.run(plan, upstream, baselineJar, childFlags, part));
                }
                standalone = Optional.of(StandaloneBenchmark.run(plan, upstream, jar, childFlags, part));
            }
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return ProxyLoadReport.report(plan, scenarios, heap, standalone, baseline, loadBefore, loadAfter);
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

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
