package dev.headroom.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Markdown report of the proxy load benchmark: the section between {@value #BEGIN} and {@value #END}, and
 * the rewrite of that section in a file.
 */
final class ProxyLoadReport {
    static final String BEGIN = "<!-- proxy-load:begin -->";
    static final String END = "<!-- proxy-load:end -->";
    static final String COMMAND = "./mvnw -B -q -pl headroom-cli -am verify -DskipTests -Pproxy-load";

    private ProxyLoadReport() {
    }

    static String report(ProxyLoadBenchmark.Plan plan, List<Scenario> scenarios, List<HeapBurst.Round> heap,
                         Optional<StandaloneBenchmark.Result> standalone, Optional<StandaloneBenchmark.Result> baseline,
                         double loadBefore, double loadAfter) {
        StringBuilder sb = new StringBuilder();
        sb.append(BEGIN).append('\n');
        sb.append("## Proxy overhead under load (loopback)\n\n");
        sb.append("Command (from the repository root; nothing is installed to `~/.m2`, about 5 minutes, 8 with a baseline jar):\n\n");
        sb.append("```sh\n").append(COMMAND).append(baseline.isPresent() ? " -Dproxy-load.baseline-jar=BASE.jar" : "")
                .append("\n```\n\n");
        sb.append("The `proxy-load` profile (in `headroom-cli/pom.xml`) runs `java ").append(String.join(" ", jvmFlags()))
                .append(" -cp <test classpath> dev.headroom.bench.ProxyLoadBenchmark --full --out BENCHMARKS.md`")
                .append(plan.equals(ProxyLoadBenchmark.Plan.quick()) ? " (this run: `--quick`, a smoke run — figures are not meaningful)" : "")
                .append(". Source: `headroom-cli/src/test/java/dev/headroom/bench/` (`ProxyLoadBenchmark` and the classes beside it); "
                        + "`-Dproxy-load.mode=quick` is a smoke run, `--only small,agent-resent,agent-new,heap,standalone` (when "
                        + "running the class directly) runs a subset, e.g. under a profiler; `-Dproxy-load.child-jvm='FLAGS'` gives the standalone proxy JVM flags of its own.\n\n");
        sb.append("Machine: ").append(machine()).append(String.format(Locale.ROOT, "; system load average %.1f at the "
                + "start and %.1f at the end of the run (above 2 means other processes competed for the 2 cores).%n%n",
                loadBefore, loadAfter));
        sb.append("Set-up, all in one JVM on 127.0.0.1: a fake Anthropic upstream (JDK `HttpServer`, 64 threads, `TCP_NODELAY` as real API front ends send, reads the "
                + "whole body, answers a fixed ").append(FakeUpstream.RESPONSE.length).append("-byte message at once); the real "
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

        standalone.ifPresent(r -> sb.append(StandaloneReport.section(r, baseline)).append('\n'));
        sb.append("### Latency and throughput (proxy in the benchmark's JVM)\n\n");
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
        int directErrors = scenarios.stream().mapToInt(Scenario::directErrors).sum();
        sb.append("\nErrors (non-200 or I/O) in all measured batches: ").append(errors).append(" through the proxy, ")
                .append(directErrors).append(" direct.\n\n");

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
        HeapBurst.Round first = heap.get(0);
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
        for (HeapBurst.Round h : heap) {
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

    /** Replaces the marked section of {@code file}, or appends it; creates the file when missing. */
    static void replaceSection(Path file, String section) throws IOException {
        replaceSection(file, section, BEGIN, END);
    }

    /** Replaces the section of {@code file} between the markers {@code begin} and {@code end}, or appends it. */
    static void replaceSection(Path file, String section, String begin, String end) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        String updated;
        if (b >= 0 && e > b) {
            int after = e + end.length();
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
