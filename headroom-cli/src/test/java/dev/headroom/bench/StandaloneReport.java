package dev.headroom.bench;

import java.util.List;
import java.util.Locale;

import static dev.headroom.bench.ProxyLoadReport.ms;

/** The Markdown of the standalone part of the proxy load benchmark ({@link StandaloneBenchmark}), with the issue-11 targets. */
final class StandaloneReport {
    private StandaloneReport() {
    }

    static String section(StandaloneBenchmark.Result r, java.util.Optional<StandaloneBenchmark.Result> baseline) {
        StringBuilder sb = new StringBuilder();
        sb.append("### The standalone proxy in its own process (issue 11)\n\n");
        sb.append("The proxy runs as a user runs it, in a JVM of its own with the jar's defaults: `")
                .append(shortCommand(r.command())).append("` (`HEADROOM_HOME` in a temporary directory, so the SQLite "
                        + "retrieval store and history are on). Resident memory (`VmRSS`) and CPU time (user + system) are "
                        + "read from `/proc` for that process only; the load generator and the fake upstream (with `TCP_NODELAY`, "
                        + "as real API front ends send) stay in the benchmark's JVM. *Direct* is the same client calling the fake upstream in the same run.\n\n");
        boolean complete = r.coldTurn() != null && !r.bursts().isEmpty();
        if (complete) {
            targets(sb, r);
        }
        if (complete && baseline.isPresent() && baseline.get().coldTurn() != null) {
            sb.append('\n').append(StandaloneComparison.table(baseline.get(), r));
        }
        sb.append(String.format(Locale.ROOT, "%nProxy RSS at start (idle, 2 s after it listened): %s. Bursts "
                + "(RSS sampled every 2 ms; *before* is read 1 s after the previous burst):%n%n", ProxyLoadReport.mb(r.rssStart())));
        sb.append("| burst | ok | compressed | RSS before | RSS peak | growth | wall | slowest | proxy CPU |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (StandaloneBenchmark.Burst b : r.bursts()) {
            boolean viaProxy = !b.label().startsWith("direct");
            sb.append(String.format(Locale.ROOT, "| %s | %d/%d | %d | %s | %s | %s | %s | %s | %s |%n", b.label(), b.ok(), b.requests(),
                    b.compressed(),
                    ProxyLoadReport.mb(b.rssBefore()), ProxyLoadReport.mb(b.rssPeak()), ProxyLoadReport.mb(b.growth()),
                    ms(b.wallMillis()), ms(b.slowestMillis()), viaProxy ? String.format(Locale.ROOT, "%.0f ms", b.cpuNanos() / 1e6) : "—"));
        }
        return sb.toString();
    }

    /** The label of a row read once the JIT settled: how that went, and the compiler's share while measured. */
    private static String settledLabel(JitSettle.Settled settled, double compilerShareWhileMeasured) {
        return String.format(Locale.ROOT, "same, JIT settled (%s, %.1f%% while measured)", settled.describe(),
                100 * compilerShareWhileMeasured);
    }

    private static void firstByteRow(StringBuilder sb, String label, StandaloneBenchmark.FirstBytes f) {
        row(sb, label, ms(f.direct().p50()), ms(f.proxy().p50()), "+" + ms(f.addedP50()), "added p50 ≤ 1.2 ms",
                f.addedP50() <= 1.2);
    }

    /** A cold-turn row: direct and proxied p50 / p99, what the proxy added, against the target. */
    private static void coldTurnRow(StringBuilder sb, String label, Scenario turn) {
        double addedP50 = turn.proxy().p50() - turn.direct().p50();
        double addedP99 = turn.proxy().p99() - turn.direct().p99();
        row(sb, label, ms(turn.direct().p50()) + " / " + ms(turn.direct().p99()),
                ms(turn.proxy().p50()) + " / " + ms(turn.proxy().p99()), "+" + ms(addedP50) + " / +" + ms(addedP99),
                "added p50 ≤ 25 ms, p99 ≤ 60 ms", addedP50 <= 25 && addedP99 <= 60);
    }

    private static void targets(StringBuilder sb, StandaloneBenchmark.Result r) {
        Scenario s = r.small();
        Scenario c = r.coldTurn();
        double smallAdded = s.proxy().p50() - s.direct().p50();
        StandaloneBenchmark.Steady steady = r.steady();
        double savings = c.tokensBefore() == 0 ? 0 : 100.0 * (c.tokensBefore() - c.tokensAfter()) / c.tokensBefore();
        double pacedRatio = r.pacedProxy().completedPerSecond() / r.pacedDirect().completedPerSecond();
        List<StandaloneBenchmark.Burst> proxied = r.bursts().stream().filter(b -> b.label().startsWith("proxy")).toList();
        StandaloneBenchmark.Burst direct = r.bursts().stream().filter(b -> b.label().startsWith("direct")).findFirst().orElseThrow();
        long maxGrowth = proxied.stream().mapToLong(StandaloneBenchmark.Burst::growth).max().orElse(0);
        double maxWall = proxied.stream().mapToDouble(StandaloneBenchmark.Burst::wallMillis).max().orElse(0);
        int errors = s.errors() + c.errors() + steady.coldTurn().errors() + r.firstBytes().errors() + steady.firstBytes().errors()
                + r.saturatedProxy().errors() + r.pacedProxy().errors()
                + proxied.stream().mapToInt(b -> b.requests() - b.ok()).sum();

        sb.append("| figure | direct | through the proxy | added / ratio | target | met |\n|---|---:|---:|---:|---|---|\n");
        row(sb, "small request p50 / p99", ms(s.direct().p50()) + " / " + ms(s.direct().p99()),
                ms(s.proxy().p50()) + " / " + ms(s.proxy().p99()), "+" + ms(smallAdded) + " / +" + ms(s.proxy().p99() - s.direct().p99()),
                "added p50 ≤ 0.7 ms", smallAdded <= 0.7);
        firstByteRow(sb, "first streamed byte p50, soon after start", r.firstBytes());
        firstByteRow(sb, settledLabel(steady.streams(), steady.streamsCompilerShare()), steady.firstBytes());
        coldTurnRow(sb, "cold 100K-token turn p50 / p99, soon after start", c);
        coldTurnRow(sb, settledLabel(steady.turns(), steady.turnsCompilerShare()), steady.coldTurn());
        row(sb, "cold turn savings", "—", String.format(Locale.ROOT, "%,d → %,d tokens", c.tokensBefore(), c.tokensAfter()),
                String.format(Locale.ROOT, "%.1f%%", savings), "at least the current (86.6%)", savings >= 86.6);
        row(sb, "proxy CPU per cold turn, soon after start", "—", String.format(Locale.ROOT, "%.1f ms", r.cpuPerColdTurnMillis()),
                "—", "—", null);
        row(sb, "same, JIT settled", "—", String.format(Locale.ROOT, "%.1f ms", steady.cpuPerColdTurnMillis()), "—", "—", null);
        row(sb, "small requests at saturation (" + StandaloneBenchmark.SATURATION_CONNECTIONS + " connections)",
                String.format(Locale.ROOT, "%.0f req/s", r.saturatedDirect().perSecond()),
                String.format(Locale.ROOT, "%.0f req/s, %.0f µs CPU each", r.saturatedProxy().perSecond(), r.saturatedProxy().microsPerRequest()),
                String.format(Locale.ROOT, "%.2f", r.saturatedProxy().perSecond() / r.saturatedDirect().perSecond()),
                "proxy CPU ≤ 450 µs per request", r.saturatedProxy().microsPerRequest() <= 450);
        row(sb, String.format(Locale.ROOT, "paced, %.0f req/s offered", r.pacedDirect().offeredPerSecond()),
                String.format(Locale.ROOT, "%.1f req/s", r.pacedDirect().completedPerSecond()),
                String.format(Locale.ROOT, "%.1f req/s", r.pacedProxy().completedPerSecond()),
                String.format(Locale.ROOT, "%.3f", pacedRatio), "ratio ≥ 0.95", pacedRatio >= 0.95);
        row(sb, "burst of " + StandaloneBenchmark.BURST + " × 1 MiB, wall (worst round)", ms(direct.wallMillis()), ms(maxWall),
                String.format(Locale.ROOT, "%.1f×", maxWall / direct.wallMillis()), "≤ 1.5 s and ≤ 10× direct",
                maxWall <= 1500 && maxWall <= 10 * direct.wallMillis());
        row(sb, "proxy RSS growth in the burst (worst round)", "—", ProxyLoadReport.mb(maxGrowth), "—", "≤ 150 MiB",
                maxGrowth <= 150L << 20);
        row(sb, "errors (non-200 or I/O)", "—", Integer.toString(errors), "—", "0", errors == 0);
    }

    private static void row(StringBuilder sb, String figure, String direct, String proxy, String added, String target, Boolean met) {
        sb.append("| ").append(figure).append(" | ").append(direct).append(" | ").append(proxy).append(" | ").append(added)
                .append(" | ").append(target).append(" | ").append(met == null ? "—" : met ? "yes" : "**no**").append(" |\n");
    }

    private static String shortCommand(List<String> command) {
        StringBuilder sb = new StringBuilder("java");
        for (int i = 1; i < command.size(); i++) {
            String part = command.get(i);
            if (part.equals("-cp")) {
                sb.append(" -cp <test classpath>");
                i++;
            } else if (part.endsWith(".jar")) {
                sb.append(" headroom-cli/target/headroom.jar");
            } else if (part.startsWith("http://")) {
                sb.append(" http://127.0.0.1:<fake upstream>");
            } else {
                sb.append(' ').append(part);
            }
        }
        return sb.toString();
    }
}
