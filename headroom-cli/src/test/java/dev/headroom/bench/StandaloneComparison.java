package dev.headroom.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static dev.headroom.bench.ProxyLoadReport.mb;
import static dev.headroom.bench.ProxyLoadReport.ms;

/** Before/after table of the standalone part: another build's jar and this one, measured in the same run. */
final class StandaloneComparison {
    private StandaloneComparison() {
    }

    /** The figures of one standalone run that the targets speak of. */
    record Figures(double smallAddedP50, double smallAddedP99, double firstByteAddedP50, double steadyFirstByteAddedP50,
                   double coldAddedP50,
                   double coldAddedP99, double savingsPercent, double cpuPerColdTurnMillis, double cpuPerSmallMicros,
                   double saturatedRatio, double pacedRatio, double burstWallMillis, double burstDirectMillis,
                   long burstGrowth, long burstPeak, long rssStart, int compressedInBursts, int burstRequests,
                   double warmAddedP50, double warmAddedP99, double steadyCpuPerColdTurnMillis) {
        static Figures of(StandaloneBenchmark.Result r) {
            Scenario s = r.small();
            Scenario c = r.coldTurn();
            List<StandaloneBenchmark.Burst> proxied = r.bursts().stream().filter(b -> b.label().startsWith("proxy")).toList();
            StandaloneBenchmark.Burst direct = r.bursts().stream().filter(b -> b.label().startsWith("direct")).findFirst().orElseThrow();
            return new Figures(s.proxy().p50() - s.direct().p50(), s.proxy().p99() - s.direct().p99(),
                    r.firstBytes().addedP50(), r.steady().firstBytes().addedP50(), c.proxy().p50() - c.direct().p50(),
                    c.proxy().p99() - c.direct().p99(),
                    c.tokensBefore() == 0 ? 0 : 100.0 * (c.tokensBefore() - c.tokensAfter()) / c.tokensBefore(),
                    r.cpuPerColdTurnMillis(), r.saturatedProxy().microsPerRequest(),
                    r.saturatedProxy().perSecond() / r.saturatedDirect().perSecond(),
                    r.pacedProxy().completedPerSecond() / r.pacedDirect().completedPerSecond(),
                    proxied.stream().mapToDouble(StandaloneBenchmark.Burst::wallMillis).max().orElse(0), direct.wallMillis(),
                    proxied.stream().mapToLong(StandaloneBenchmark.Burst::growth).max().orElse(0),
                    proxied.stream().mapToLong(StandaloneBenchmark.Burst::rssPeak).max().orElse(0), r.rssStart(),
                    proxied.stream().mapToInt(StandaloneBenchmark.Burst::compressed).sum(),
                    proxied.stream().mapToInt(StandaloneBenchmark.Burst::requests).sum(),
                    r.steady().coldTurn().proxy().p50() - r.steady().coldTurn().direct().p50(),
                    r.steady().coldTurn().proxy().p99() - r.steady().coldTurn().direct().p99(),
                    r.steady().cpuPerColdTurnMillis());
        }
    }

    static String table(StandaloneBenchmark.Result before, StandaloneBenchmark.Result after) {
        Figures b = Figures.of(before);
        Figures a = Figures.of(after);
        StringBuilder sb = new StringBuilder();
        sb.append("Before and after in this run — the same harness against the baseline build's jar (`")
                .append(String.join(" ", before.command().subList(1, Math.min(3, before.command().size()))))
                .append(" …`, run first) and this build's jar (run second); each figure against direct calls made in its "
                        + "own part of the run:\n\n");
        sb.append("| figure | before | after | target |\n|---|---:|---:|---|\n");
        row(sb, "small request, added p50 / p99", b, a, f -> ms(f.smallAddedP50()) + " / " + ms(f.smallAddedP99()), "p50 ≤ 0.7 ms");
        row(sb, "first streamed byte, added p50, soon after start", b, a, f -> ms(f.firstByteAddedP50()), "≤ 1.2 ms");
        row(sb, settledLabel(before.steady().streams(), after.steady().streams()), b, a,
                f -> ms(f.steadyFirstByteAddedP50()), "≤ 1.2 ms");
        row(sb, "cold 100K-token turn, added p50 / p99, soon after start", b, a,
                f -> ms(f.coldAddedP50()) + " / " + ms(f.coldAddedP99()), "≤ 25 ms / ≤ 60 ms");
        row(sb, settledLabel(before.steady().turns(), after.steady().turns()) + ", added p50 / p99", b, a,
                f -> ms(f.warmAddedP50()) + " / " + ms(f.warmAddedP99()), "≤ 25 ms / ≤ 60 ms");
        row(sb, "cold turn savings", b, a, f -> String.format(Locale.ROOT, "%.1f%%", f.savingsPercent()), "≥ before");
        row(sb, "proxy CPU per cold turn, soon after start", b, a,
                f -> String.format(Locale.ROOT, "%.1f ms", f.cpuPerColdTurnMillis()), "—");
        row(sb, "same, JIT settled", b, a, f -> String.format(Locale.ROOT, "%.1f ms", f.steadyCpuPerColdTurnMillis()), "—");
        row(sb, "proxy CPU per small request at saturation", b, a,
                f -> String.format(Locale.ROOT, "%.0f µs (%.2f of direct req/s)", f.cpuPerSmallMicros(), f.saturatedRatio()), "≤ 450 µs");
        row(sb, "paced throughput, proxy / direct", b, a, f -> String.format(Locale.ROOT, "%.3f", f.pacedRatio()), "≥ 0.95");
        row(sb, "burst 50 × 1 MiB, worst wall (direct)", b, a,
                f -> ms(f.burstWallMillis()) + " (" + ms(f.burstDirectMillis()) + ")", "≤ 1.5 s, ≤ 10× direct");
        row(sb, "burst, compressed / sent", b, a, f -> f.compressedInBursts() + " / " + f.burstRequests(), "—");
        row(sb, "proxy RSS: idle at start → worst burst peak", b, a, f -> mb(f.rssStart()) + " → " + mb(f.burstPeak()), "—");
        row(sb, "proxy RSS growth in a burst (worst)", b, a, f -> mb(f.burstGrowth()), "≤ 150 MiB");
        return sb.toString();
    }

    private static String settledLabel(JitSettle.Settled before, JitSettle.Settled after) {
        return "same, JIT settled (before: " + before.describe() + "; after: " + after.describe() + ")";
    }

    private static void row(StringBuilder sb, String figure, Figures before, Figures after, Function<Figures, String> show,
                            String target) {
        sb.append("| ").append(figure).append(" | ").append(show.apply(before)).append(" | ").append(show.apply(after))
                .append(" | ").append(target).append(" |\n");
    }
}
