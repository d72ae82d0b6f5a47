package dev.headroom.stats;

import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;
import dev.headroom.spi.Usage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-memory numbers behind {@code /stats}: a {@link StatsSink} that counts every request exactly
 * (lock-free adders, so concurrent records are never lost) and renders a {@link StatsSnapshot} on demand.
 * Latencies go into fixed-bucket histograms, so memory stays bounded whatever the traffic; the maps grow only
 * with the number of distinct providers, models, transforms and reason codes.
 *
 * <p>{@link #reset()} starts counting afresh; a record that races a reset lands in either the old or the new
 * counts, never in both.
 */
public final class StatsAggregator implements StatsSink {
    /** How many recent requests the snapshot keeps. */
    public static final int RECENT = 10;
    static final String UNKNOWN_MODEL = "unknown";

    private final PriceTable prices;
    private final Clock clock;
    private final AtomicReference<State> state;

    /** Counts from now, pricing with {@code prices}. */
    public StatsAggregator(PriceTable prices) {
        this(prices, Clock.systemUTC());
    }

    /** Counts from now, pricing with {@code prices} and stamping times from {@code clock}. */
    public StatsAggregator(PriceTable prices, Clock clock) {
        this.prices = Objects.requireNonNull(prices, "prices");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.state = new AtomicReference<>(new State(clock.instant()));
    }

    /** The price table costs are computed from. */
    public PriceTable prices() {
        return prices;
    }

    @Override
    public String name() {
        return "stats";
    }

    @Override
    public void record(RequestRecord r) {
        state.get().add(r, prices.cost(r.model(), r.usage(), r.tokensSaved()), clock.instant());
    }

    /** Forgets everything counted so far. */
    public void reset() {
        state.set(new State(clock.instant()));
    }

    /** The numbers now. */
    public StatsSnapshot snapshot() {
        return state.get().snapshot(prices);
    }

    private static final class ModelCounters {
        final LongAdder requests = new LongAdder();
        final LongAdder input = new LongAdder();
        final LongAdder output = new LongAdder();
        final LongAdder cacheRead = new LongAdder();
        final LongAdder cacheWrite = new LongAdder();
        final LongAdder saved = new LongAdder();
        final LongAdder withNanos = new LongAdder();
        final LongAdder withoutNanos = new LongAdder();

        StatsSnapshot.ModelStats snapshot() {
            return new StatsSnapshot.ModelStats(requests.sum(), input.sum(), output.sum(), cacheRead.sum(),
                    cacheWrite.sum(), saved.sum(), withNanos.sum(), withoutNanos.sum());
        }
    }

    private static final class CompressorCounters {
        final LongAdder compressions = new LongAdder();
        final LongAdder saved = new LongAdder();
        final ConcurrentMap<String, LongAdder> transforms = new ConcurrentHashMap<>();

        StatsSnapshot.CompressorStats snapshot() {
            return new StatsSnapshot.CompressorStats(compressions.sum(), saved.sum(), sums(transforms));
        }
    }

    /** Everything counted since {@link #since}; replaced whole on reset. */
    private static final class State {
        final Instant since;
        final LongAdder total = new LongAdder();
        final LongAdder compressed = new LongAdder();
        final LongAdder cached = new LongAdder();
        final LongAdder rateLimited = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder input = new LongAdder();
        final LongAdder output = new LongAdder();
        final LongAdder cacheRead = new LongAdder();
        final LongAdder cacheWrite = new LongAdder();
        final LongAdder before = new LongAdder();
        final LongAdder after = new LongAdder();
        final LongAdder withNanos = new LongAdder();
        final LongAdder withoutNanos = new LongAdder();
        final ConcurrentMap<String, LongAdder> byProvider = new ConcurrentHashMap<>();
        final ConcurrentMap<String, ModelCounters> byModel = new ConcurrentHashMap<>();
        final ConcurrentMap<String, CompressorCounters> compressors = new ConcurrentHashMap<>();
        final ConcurrentMap<String, LongAdder> reasons = new ConcurrentHashMap<>();
        final Set<String> unpriced = ConcurrentHashMap.newKeySet();
        final LatencyHistogram latency = new LatencyHistogram();
        final LatencyHistogram overhead = new LatencyHistogram();
        final LatencyHistogram ttfb = new LatencyHistogram();
        final ArrayDeque<StatsSnapshot.RecentRequest> recent = new ArrayDeque<>(RECENT);

        State(Instant since) {
            this.since = since;
        }

        void add(RequestRecord r, PriceTable.Cost cost, Instant now) {
            Usage u = r.usage();
            String model = r.model().isBlank() ? UNKNOWN_MODEL : r.model();
            total.increment();
            if (!r.transforms().isEmpty()) {
                compressed.increment();
            }
            if (r.cached()) {
                cached.increment();
            }
            if (r.status() == 429) {
                rateLimited.increment();
            }
            if (r.status() >= 400) {
                failed.increment();
            }
            input.add(u.inputTokens());
            output.add(u.outputTokens());
            cacheRead.add(u.cacheReadTokens());
            cacheWrite.add(u.cacheWriteTokens());
            if (r.answered()) { // a failed request saved nothing (RequestRecord#answered)
                before.add(r.tokensBefore());
                after.add(r.tokensAfter());
            }
            withNanos.add(cost.withHeadroomNanos());
            withoutNanos.add(cost.withoutHeadroomNanos());
            if (!cost.priced() && !r.model().isBlank()) {
                unpriced.add(r.model());
            }
            byProvider.computeIfAbsent(r.provider(), k -> new LongAdder()).increment();
            ModelCounters m = byModel.computeIfAbsent(model, k -> new ModelCounters());
            m.requests.increment();
            m.input.add(u.inputTokens());
            m.output.add(u.outputTokens());
            m.cacheRead.add(u.cacheReadTokens());
            m.cacheWrite.add(u.cacheWriteTokens());
            m.saved.add(r.tokensSaved());
            m.withNanos.add(cost.withHeadroomNanos());
            m.withoutNanos.add(cost.withoutHeadroomNanos());
            for (String transform : r.transforms()) {
                CompressorCounters c = compressors.computeIfAbsent(compressorOf(transform), k -> new CompressorCounters());
                c.compressions.increment();
                c.transforms.computeIfAbsent(transform, k -> new LongAdder()).increment();
            }
            if (r.answered()) {
                r.savedByTransform().forEach((transform, saved) ->
                        compressors.computeIfAbsent(compressorOf(transform), k -> new CompressorCounters()).saved.add(saved));
            }
            r.reasonCounts().forEach((code, n) -> reasons.computeIfAbsent(code, k -> new LongAdder()).add(n));
            latency.add(r.latencyMillis());
            overhead.add(r.overheadMillis());
            if (r.ttfbMillis() > 0) {
                ttfb.add(r.ttfbMillis());
            }
            StatsSnapshot.RecentRequest entry = new StatsSnapshot.RecentRequest(r.requestId(), now, r.provider(),
                    r.model(), r.status(), r.tokensBefore(), r.tokensAfter(), u.inputTokens(), u.outputTokens(),
                    r.latencyMillis(), r.overheadMillis(), r.transforms(), r.cached());
            synchronized (recent) {
                if (recent.size() == RECENT) {
                    recent.removeLast();
                }
                recent.addFirst(entry);
            }
        }

        StatsSnapshot snapshot(PriceTable prices) {
            Map<String, StatsSnapshot.ModelStats> models = new TreeMap<>();
            Map<String, Long> modelRequests = new TreeMap<>();
            byModel.forEach((k, v) -> {
                StatsSnapshot.ModelStats s = v.snapshot();
                models.put(k, s);
                modelRequests.put(k, s.requests());
            });
            Map<String, StatsSnapshot.CompressorStats> comp = new TreeMap<>();
            compressors.forEach((k, v) -> comp.put(k, v.snapshot()));
            List<StatsSnapshot.RecentRequest> last;
            synchronized (recent) {
                last = List.copyOf(recent);
            }
            return new StatsSnapshot(since,
                    new StatsSnapshot.Requests(total.sum(), compressed.sum(), cached.sum(), rateLimited.sum(),
                            failed.sum(), sums(byProvider), Collections.unmodifiableMap(modelRequests)),
                    new StatsSnapshot.Tokens(input.sum(), output.sum(), cacheRead.sum(), cacheWrite.sum(),
                            before.sum(), after.sum()),
                    new StatsSnapshot.Costs(withNanos.sum(), withoutNanos.sum(), Collections.unmodifiableMap(models),
                            List.copyOf(new TreeSet<>(unpriced)), prices.asOf(), prices.note()),
                    new StatsSnapshot.Latencies(latency.summary(), overhead.summary(), ttfb.summary()),
                    Collections.unmodifiableMap(comp), sums(reasons), last);
        }
    }

    /** The compressor a transform belongs to: its name up to the first {@code ':'}. */
    static String compressorOf(String transform) {
        int colon = transform.indexOf(':');
        return colon > 0 ? transform.substring(0, colon) : transform;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return Collections.unmodifiableMap(out);
    }
}
