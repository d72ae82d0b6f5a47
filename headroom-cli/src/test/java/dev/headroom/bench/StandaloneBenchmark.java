package dev.headroom.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The standalone part of the proxy load benchmark: the proxy in its own process ({@link ChildProxy}, the
 * runnable jar with its own JVM defaults) in front of the in-process fake upstream, and every figure measured
 * against a direct call to that upstream in the same run — small requests, the first streamed byte, a cold
 * 100K-token turn, CPU per request at saturation, a paced run, and a burst of 50 concurrent 1 MiB requests with
 * the proxy's resident memory sampled every 2 ms.
 */
final class StandaloneBenchmark {
    static final int SATURATION_CONNECTIONS = 32;
    static final int BURST = 50;

    private StandaloneBenchmark() {
    }

    /** One burst of {@link #BURST} requests: RSS of the proxy before and at its peak, wall and slowest time. */
    record Burst(String label, int ok, int compressed, int requests, long rssBefore, long rssPeak, double wallMillis,
                 double slowestMillis, long cpuNanos) {
        long growth() {
            return rssPeak - rssBefore;
        }
    }

    /** First streamed bytes measured in interleaved rounds, direct and through the proxy. */
    record FirstBytes(LatencyStats direct, LatencyStats proxy, int errors) {
        double addedP50() {
            return proxy.p50() - direct.p50();
        }
    }

    /**
     * The figures read once the proxy's JIT compiler went quiet ({@link JitSettle}): how warming up ended, and the
     * compiler's share of a core while the figure itself was measured.
     */
    record Steady(FirstBytes firstBytes, JitSettle.Settled streams, double streamsCompilerShare, Scenario coldTurn,
                  JitSettle.Settled turns, double turnsCompilerShare, double cpuPerColdTurnMillis) {
    }

    /** Everything the standalone part measured. */
    record Result(List<String> command, long rssStart, Scenario small, Scenario coldTurn, FirstBytes firstBytes,
                  Probes.Cpu saturatedProxy, Probes.Cpu saturatedDirect, Probes.Paced pacedDirect,
                  Probes.Paced pacedProxy, double cpuPerColdTurnMillis, List<Burst> bursts, Steady steady) {
    }

    /** The most streamed requests sent to let the JIT settle: 9,000 in a full run. */
    static int maxSettleStreams(ProxyLoadBenchmark.Plan plan) {
        return plan.smallWarmup() * 3;
    }

    /** The most cold turns sent to let the JIT settle: 2,400 in a full run. */
    static int maxSettleTurns(ProxyLoadBenchmark.Plan plan) {
        return plan.newWarmup() * 200;
    }

    /**
     * Runs the standalone part.
     *
     * @param part {@code all}, or {@code bursts} (for trying JVM flags) or {@code small} (small requests, streams
     *             and saturation, for profiling): the other figures are then empty
     */
    static Result run(ProxyLoadBenchmark.Plan plan, FakeUpstream upstream, Path jar, List<String> jvmFlags,
                      String part) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SATURATION_CONNECTIONS, ProxyLoadBenchmark.daemon("standalone"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        LoadDriver load = new LoadDriver(client, pool);
        try (ChildProxy proxy = ChildProxy.start(jar, jvmFlags, upstream.base())) {
            System.err.println("standalone: " + String.join(" ", proxy.command));
            Thread.sleep(2000);
            long rssStart = proxy.rssBytes();
            URI direct = ProxyLoadBenchmark.loopback(upstream.port(), "/v1/messages");
            URI viaProxy = proxy.uri("/v1/messages");
            byte[] small = Workloads.smallRequest();
            byte[] streamed = Workloads.streamingRequest();
            if (part.equals("bursts")) {
                List<Burst> bursts = bursts(client, direct, viaProxy, proxy, plan.heapRounds());
                return new Result(proxy.command, rssStart, null, null, null, null, null, null, null, 0, bursts, null);
            }
            String agentJson = BenchInputs.agentRequest();
            Workloads.AgentVariants fresh = new Workloads.AgentVariants(agentJson);

            Scenario smallScenario = load.measure("small", "small request", n -> small, direct, viaProxy,
                    new OverheadRecorder(), upstream, 1, plan.smallWarmup(), plan.smallPerRound(), plan.rounds(),
                    plan.batchCap());

            // first streamed byte, interleaved rounds
            Probes.firstBytes(client, direct, streamed, plan.smallWarmup() / 10);
            Probes.firstBytes(client, viaProxy, streamed, plan.smallWarmup() / 10);
            FirstBytes firstBytes = firstByteRounds(client, direct, viaProxy, streamed, plan);
            System.err.printf(Locale.ROOT, "  first byte: direct p50 %.3f, proxy p50 %.3f ms%n", firstBytes.direct().p50(),
                    firstBytes.proxy().p50());
            int streamBatch = plan.smallPerRound() / 4;
            JitSettle.Settled streamsSettled = JitSettle.warm(proxy,
                    () -> Probes.firstBytes(client, viaProxy, streamed, streamBatch).firstByteNanos().length,
                    maxSettleStreams(plan));
            JitSettle.Window streamsWindow = JitSettle.Window.open(proxy);
            FirstBytes steadyFirstBytes = firstByteRounds(client, direct, viaProxy, streamed, plan);
            double streamsCompiler = streamsWindow.compilerShare();
            System.err.printf(Locale.ROOT, "  first byte, JIT settled (%s): direct p50 %.3f, proxy p50 %.3f ms%n",
                    streamsSettled.describe(), steadyFirstBytes.direct().p50(), steadyFirstBytes.proxy().p50());

            if (part.equals("small")) {
                for (int i = 0; i < 5; i++) {
                    Probes.cpu(load, viaProxy, small, plan.smallPerRound() * 6, SATURATION_CONNECTIONS, proxy::cpuNanos);
                    Probes.firstBytes(client, viaProxy, streamed, plan.smallPerRound());
                }
                return new Result(proxy.command, rssStart, smallScenario, null, firstBytes, null, null, null, null, 0,
                        List.of(), new Steady(steadyFirstBytes, streamsSettled, streamsCompiler, null, null, 0, 0));
            }
            Scenario cold = load.measure("agent-new", "cold 100K-token turn", fresh::next, direct, viaProxy,
                    new OverheadRecorder(), upstream, 1, plan.newWarmup(), plan.newPerRound(), plan.rounds(), plan.batchCap());
            long cpu0 = proxy.cpuNanos();
            int turns = plan.newPerRound() * 2;
            load.run(viaProxy, fresh::next, turns, 1, plan.batchCap());
            double cpuPerTurn = (proxy.cpuNanos() - cpu0) / 1e6 / turns;
            // the same measurement once the JIT has compiled the compressors for this content: the steady state
            JitSettle.Settled turnsSettled = JitSettle.warm(proxy,
                    () -> load.run(viaProxy, fresh::next, turns, 1, plan.batchCap()).latencies().length,
                    maxSettleTurns(plan));
            JitSettle.Window turnsWindow = JitSettle.Window.open(proxy);
            long steadyCpu0 = proxy.cpuNanos(); // the direct calls in between cost the proxy nothing
            Scenario warmCold = load.measure("agent-new-warm", "cold 100K-token turn, JIT settled", fresh::next, direct, viaProxy, new OverheadRecorder(), upstream, 1, 0, plan.newPerRound(),
                    plan.rounds(), plan.batchCap());
            double turnsCompiler = turnsWindow.compilerShare();
            double steadyCpuPerTurn = (proxy.cpuNanos() - steadyCpu0) / 1e6 / (plan.newPerRound() * plan.rounds());

            int saturated = plan.smallPerRound() * 6;
            Probes.cpu(load, viaProxy, small, saturated / 2, SATURATION_CONNECTIONS, proxy::cpuNanos);
            Probes.Cpu satDirect = Probes.cpu(load, direct, small, saturated, SATURATION_CONNECTIONS, () -> 0L);
            Probes.Cpu satProxy = Probes.cpu(load, viaProxy, small, saturated, SATURATION_CONNECTIONS, proxy::cpuNanos);
            System.err.printf(Locale.ROOT, "  saturation: proxy CPU %.0f µs/request, %.0f req/s (direct %.0f req/s)%n",
                    satProxy.microsPerRequest(), satProxy.perSecond(), satDirect.perSecond());
            // paced at a third of what the proxy managed closed-loop, so both sides can keep up
            double rate = Math.max(50, Math.min(1000, satProxy.perSecond() / 3));
            double seconds = plan.batchCap().toSeconds() / 4.0;
            Probes.Paced pacedDirect = Probes.paced(client, pool, direct, small, SATURATION_CONNECTIONS, rate, seconds);
            Probes.Paced pacedProxy = Probes.paced(client, pool, viaProxy, small, SATURATION_CONNECTIONS, rate, seconds);

            List<Burst> bursts = bursts(client, direct, viaProxy, proxy, plan.heapRounds());
            return new Result(proxy.command, rssStart, smallScenario, cold, firstBytes, satProxy, satDirect, pacedDirect,
                    pacedProxy, cpuPerTurn, bursts,
                    new Steady(steadyFirstBytes, streamsSettled, streamsCompiler, warmCold, turnsSettled, turnsCompiler,
                            steadyCpuPerTurn));
        } finally {
            pool.shutdownNow();
        }
    }

    /** First streamed bytes in {@code plan.rounds()} rounds, direct and proxied alternating which goes first. */
    private static FirstBytes firstByteRounds(HttpClient client, URI direct, URI viaProxy, byte[] streamed,
                                              ProxyLoadBenchmark.Plan plan) throws InterruptedException {
        List<long[]> fd = new ArrayList<>();
        List<long[]> fp = new ArrayList<>();
        int errors = 0;
        for (int r = 0; r < plan.rounds(); r++) {
            for (boolean proxySide : r % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                Probes.Streamed s = Probes.firstBytes(client, proxySide ? viaProxy : direct, streamed, plan.smallPerRound() / 4);
                (proxySide ? fp : fd).add(s.firstByteNanos());
                errors += s.errors();
            }
        }
        return new FirstBytes(LatencyStats.of(LoadDriver.concat(fd)), LatencyStats.of(LoadDriver.concat(fp)), errors);
    }

    private static List<Burst> bursts(HttpClient client, URI direct, URI viaProxy, ChildProxy proxy, int rounds)
            throws Exception {
        String log = BenchInputs.log(1 << 20);
        List<Burst> out = new ArrayList<>();
        // one at a time first, so that the log path is compiled before any burst (each has its own first line)
        for (HttpRequest r : HeapBurst.requests(viaProxy, log, 20)) {
            client.send(r, java.net.http.HttpResponse.BodyHandlers.discarding());
        }
        burst(client, viaProxy, log, "warm-up (not counted in the targets)", proxy, out);
        burst(client, direct, log, "direct (reference)", proxy, out);
        for (int r = 1; r <= rounds; r++) {
            burst(client, viaProxy, log, "proxy round " + r, proxy, out);
        }
        return out;
    }

    private static void burst(HttpClient client, URI uri, String log, String label, ChildProxy proxy, List<Burst> out)
            throws Exception {
        List<HttpRequest> requests = HeapBurst.requests(uri, log, BURST);
        System.gc(); // the harness's own garbage, not the proxy's
        Thread.sleep(1000);
        long before = proxy.rssBytes();
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(proxy.rssBytes(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long cpu0 = proxy.cpuNanos();
        HeapBurst.Fired fired = HeapBurst.fire(client, requests);
        long cpu = proxy.cpuNanos() - cpu0;
        sampler.interrupt();
        sampler.join();
        Burst b = new Burst(label, fired.ok(), fired.compressed(), requests.size(), before, peak.get(), fired.wallMillis(),
                fired.maxLatencyMillis(), cpu);
        System.err.printf(Locale.ROOT, "  burst %s: ok %d/%d, compressed %d, RSS %d → %d MiB, wall %.0f ms, CPU %d ms%n", label,
                b.ok(), b.requests(), b.compressed(), before >> 20, b.rssPeak() >> 20, b.wallMillis(), cpu / 1_000_000);
        out.add(b);
    }
}
