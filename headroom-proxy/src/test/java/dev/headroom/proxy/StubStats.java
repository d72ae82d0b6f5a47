package dev.headroom.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;
import dev.headroom.stats.HistoryJson;
import dev.headroom.stats.SavingsHistory;
import dev.headroom.wire.JsonCodec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * A stand-in for the {@code /stats} route, which is built on another branch: a sink that keeps every record and
 * renders the same JSON shape ({@code requests}, {@code tokens}, {@code cost} with {@code per_model},
 * {@code latency_ms.total/overhead}, {@code compressors}, {@code reasons}, {@code recent},
 * {@code persistent_savings}) from them, with a flat test price of $3 per million input and $15 per million
 * output tokens.
 */
final class StubStats implements StatsSink {
    /** Nano-dollars saved by one request at the test price. */
    static final ToLongFunction<RequestRecord> SAVED_NANOS = r -> r.tokensSaved() * 3_000;
    private final List<RequestRecord> records = new ArrayList<>();
    private final Instant since = Instant.now();
    private final SavingsHistory history;

    StubStats(SavingsHistory history) {
        this.history = history;
    }

    @Override
    public String name() {
        return "stub-stats";
    }

    @Override
    public synchronized void record(RequestRecord record) {
        records.add(record);
        notifyAll();
    }

    /** Waits until {@code n} records arrived: the gateway records a request after its response completed. */
    synchronized void awaitRecords(int n) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (records.size() < n && System.nanoTime() < deadline) {
            wait(100);
        }
        if (records.size() < n) {
            throw new AssertionError("only " + records.size() + " of " + n + " requests were recorded");
        }
    }

    private static long spentNanos(RequestRecord r) {
        return r.usage().inputTokens() * 3_000 + r.usage().outputTokens() * 15_000;
    }

    synchronized String json() {
        ObjectNode root = JsonCodec.mapper().createObjectNode();
        root.put("since", since.toString());
        ObjectNode requests = root.putObject("requests");
        requests.put("total", records.size());
        requests.put("compressed", records.stream().filter(r -> !r.transforms().isEmpty()).count());
        requests.put("failed", records.stream().filter(r -> r.status() >= 400).count());
        Map<String, Long> byModel = new TreeMap<>();
        records.forEach(r -> byModel.merge(r.model().isEmpty() ? "unknown" : r.model(), 1L, Long::sum));
        ObjectNode models = requests.putObject("by_model");
        byModel.forEach(models::put);
        ObjectNode tokens = root.putObject("tokens");
        long before = records.stream().mapToLong(RequestRecord::tokensBefore).sum();
        long saved = records.stream().mapToLong(RequestRecord::tokensSaved).sum();
        tokens.put("input", records.stream().mapToLong(r -> r.usage().inputTokens()).sum());
        tokens.put("output", records.stream().mapToLong(r -> r.usage().outputTokens()).sum());
        tokens.put("before_compression", before);
        tokens.put("saved", saved);
        tokens.put("savings_percent", before == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(100.0 * saved / before).setScale(2, RoundingMode.HALF_UP));
        ObjectNode cost = root.putObject("cost");
        long spent = records.stream().mapToLong(StubStats::spentNanos).sum();
        long savedNanos = records.stream().mapToLong(SAVED_NANOS).sum();
        cost.put("with_headroom", usd(spent));
        cost.put("without_headroom", usd(spent + savedNanos));
        cost.put("saved", usd(savedNanos));
        ObjectNode perModel = cost.putObject("per_model");
        for (String model : byModel.keySet()) {
            List<RequestRecord> mine = records.stream().filter(r -> model.equals(r.model().isEmpty() ? "unknown" : r.model())).toList();
            ObjectNode m = perModel.putObject(model);
            m.put("requests", mine.size());
            m.put("tokens_saved", mine.stream().mapToLong(RequestRecord::tokensSaved).sum());
            m.put("with_headroom", usd(mine.stream().mapToLong(StubStats::spentNanos).sum()));
            m.put("saved", usd(mine.stream().mapToLong(SAVED_NANOS).sum()));
        }
        cost.put("prices_as_of", "test");
        ObjectNode latency = root.putObject("latency_ms");
        summary(latency.putObject("total"), records.stream().mapToDouble(RequestRecord::latencyMillis).sorted().toArray());
        summary(latency.putObject("overhead"), records.stream().mapToDouble(RequestRecord::overheadMillis).sorted().toArray());
        ObjectNode compressors = root.putObject("compressors");
        Map<String, long[]> comp = new TreeMap<>();
        for (RequestRecord r : records) {
            for (String t : r.transforms()) {
                long[] c = comp.computeIfAbsent(t.split(":")[0], k -> new long[2]);
                c[0]++;
                c[1] += r.tokensSaved() / r.transforms().size();
            }
        }
        comp.forEach((name, c) -> compressors.putObject(name).put("compressions", c[0]).put("tokens_saved", c[1]));
        ObjectNode reasons = root.putObject("reasons");
        Map<String, Long> reasonCounts = new TreeMap<>();
        records.forEach(r -> r.reasonCounts().forEach((k, v) -> reasonCounts.merge(k, (long) v, Long::sum)));
        reasonCounts.forEach(reasons::put);
        ArrayNode recent = root.putArray("recent");
        for (int i = records.size() - 1; i >= Math.max(0, records.size() - 10); i--) {
            RequestRecord r = records.get(i);
            recent.addObject().put("id", r.requestId()).put("time", Instant.now().toString()).put("provider", r.provider())
                    .put("model", r.model()).put("status", r.status()).put("tokens_before", r.tokensBefore())
                    .put("tokens_after", r.tokensAfter()).put("tokens_saved", r.tokensSaved())
                    .put("latency_ms", BigDecimal.valueOf(r.latencyMillis()).setScale(2, RoundingMode.HALF_UP));
        }
        ObjectNode lifetime = HistoryJson.lifetime(history.lifetime());
        root.putObject("persistent_savings").put("since", lifetime.get("since").asText())
                .put("requests", lifetime.get("requests").asLong()).put("tokens_saved", lifetime.get("tokens_saved").asLong())
                .put("cost_saved", lifetime.get("cost_saved_usd").decimalValue());
        return JsonCodec.write(root);
    }

    private static void summary(ObjectNode o, double[] sorted) {
        o.put("count", sorted.length);
        o.put("avg", round(sorted.length == 0 ? 0 : java.util.Arrays.stream(sorted).average().orElse(0)));
        o.put("p50", round(sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2]));
        o.put("p99", round(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
    }

    private static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal usd(long nanos) {
        return BigDecimal.valueOf(nanos, 9).setScale(6, RoundingMode.HALF_UP);
    }
}
