package dev.headroom.stats;

import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.Usage;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class StatsAggregatorTest {
    private static final PriceTable PRICES = new PriceTable("2025-01-01", "test prices",
            Map.of("claude-sonnet-4-5", new PriceTable.ModelPrice(3, 15, 0.3, 3.75),
                    "gpt-4o", new PriceTable.ModelPrice(2.5, 10, 1.25, 0)));
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private static RequestRecord record(int i) {
        boolean anthropic = i % 2 == 0;
        boolean compressed = i % 5 == 0;
        return new RequestRecord("hr-" + i, anthropic ? "anthropic" : "openai", anthropic ? "claude-sonnet-4-5" : "gpt-4o",
                compressed ? 1000 : 200, compressed ? 400 : 200, new Usage(100, 20, 7, 3), i % 10 == 9 ? 502 : 200,
                10 + i % 7, 1 + i % 3, compressed ? List.of("json:table", "log:digest") : List.of(),
                compressed ? Map.of() : Map.of("too_small", 2), i % 4 == 0, 5 + i % 3,
                compressed ? Map.of("json:table", 450L, "log:digest", 150L) : Map.of());
    }

    @Test
    void thousandRecordsFromFiftyThreadsGiveExactTotals() throws Exception {
        StatsAggregator stats = new StatsAggregator(PRICES, clock);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                go.await();
                for (int k = 0; k < 20; k++) {
                    stats.record(record(thread * 20 + k));
                    stats.snapshot(); // readers race writers
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        StatsSnapshot s = stats.snapshot();
        assertThat(s.requests().total()).isEqualTo(1000);
        assertThat(s.requests().compressed()).isEqualTo(200);
        assertThat(s.requests().cached()).isEqualTo(250);
        assertThat(s.requests().failed()).isEqualTo(100);
        assertThat(s.requests().byProvider()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("anthropic", 500L, "openai", 500L)));
        assertThat(s.requests().byModel()).containsEntry("claude-sonnet-4-5", 500L).containsEntry("gpt-4o", 500L);
        assertThat(s.tokens().input()).isEqualTo(100_000);
        assertThat(s.tokens().output()).isEqualTo(20_000);
        assertThat(s.tokens().cacheRead()).isEqualTo(7_000);
        assertThat(s.tokens().cacheWrite()).isEqualTo(3_000);
        assertThat(s.tokens().saved()).isEqualTo(200 * 600);
        assertThat(s.compressors().get("json").compressions()).isEqualTo(200);
        assertThat(s.compressors().get("json").tokensSaved()).isEqualTo(200 * 450);
        assertThat(s.compressors().get("log").tokensSaved()).isEqualTo(200 * 150);
        assertThat(s.compressors().get("json").transforms()).containsEntry("json:table", 200L);
        assertThat(s.reasons()).containsEntry("too_small", 1600L);
        assertThat(s.latency().total().count()).isEqualTo(1000);
        assertThat(s.latency().ttfb().count()).isEqualTo(1000);
        assertThat(s.recent()).hasSize(StatsAggregator.RECENT);
        // anthropic: 500 × (100×3 + 20×15 + 7×0.3 + 3×3.75) µ$ = 500 × 613.35 µ$; openai: 500 × (250 + 200 + 8.75) µ$
        assertThat(s.cost().withHeadroomNanos()).isEqualTo(500L * 613_350 + 500L * 458_750);
        // saved tokens priced as input: 100 compressed requests per provider × 600 tokens
        assertThat(s.cost().savedNanos()).isEqualTo(100L * 600 * 3_000 + 100L * 600 * 2_500);
        assertThat(s.cost().perModel().get("gpt-4o").savedNanos()).isEqualTo(100L * 600 * 2_500);
    }

    @Test
    void aFailedRequestCountsAsFailedButSavesNothing() {
        StatsAggregator stats = new StatsAggregator(PRICES, clock);
        stats.record(new RequestRecord("hr-1", "anthropic", "claude-sonnet-4-5", 1000, 400, Usage.NONE, 502, 5, 1,
                List.of("json:table"), Map.of(), false, 0, Map.of("json:table", 600L)));
        StatsSnapshot s = stats.snapshot();
        assertThat(s.requests().failed()).isEqualTo(1);
        assertThat(s.requests().compressed()).isEqualTo(1);
        assertThat(s.tokens().saved()).isZero();
        assertThat(s.tokens().savingsPercent()).isZero();
        assertThat(s.compressors().get("json").compressions()).isEqualTo(1);
        assertThat(s.compressors().get("json").tokensSaved()).isZero();
        assertThat(s.cost().savedNanos()).isZero();
        assertThat(s.cost().perModel().get("claude-sonnet-4-5").tokensSaved()).isZero();

        SavingsBucket bucket = SavingsBucket.of(Instant.EPOCH, new RequestRecord("hr-2", "anthropic", "m", 1000, 400,
                Usage.NONE, 500, 1, 1, List.of(), Map.of(), false), 999);
        assertThat(bucket.failed()).isEqualTo(1);
        assertThat(bucket.tokensSaved()).isZero();
        assertThat(bucket.costSavedNanos()).isZero();
    }

    @Test
    void unknownModelCostsNothingAndIsReported() {
        StatsAggregator stats = new StatsAggregator(PRICES, clock);
        stats.record(new RequestRecord("hr-1", "openai", "my-local-llama", 0, 0, new Usage(50, 5, 0, 0), 200,
                3, 1, List.of(), Map.of(), false));
        StatsSnapshot s = stats.snapshot();
        assertThat(s.cost().withHeadroomNanos()).isZero();
        assertThat(s.cost().unpricedModels()).containsExactly("my-local-llama");
        assertThat(s.tokens().input()).isEqualTo(50);
    }

    @Test
    void datedModelNamesArePricedByTheirListedPrefix() {
        assertThat(PRICES.price("claude-sonnet-4-5-20250929")).contains(new PriceTable.ModelPrice(3, 15, 0.3, 3.75));
        assertThat(PRICES.price("claude-opus")).isEmpty();
    }

    @Test
    void keepsTheLastTenRequestsNewestFirstAndCountsRateLimits() {
        StatsAggregator stats = new StatsAggregator(PRICES, clock);
        for (int i = 1; i <= 12; i++) {
            stats.record(new RequestRecord("hr-" + i, "anthropic", "claude-sonnet-4-5", 0, 0, Usage.NONE,
                    i == 12 ? 429 : 200, 1, 0, List.of(), Map.of(), false));
        }
        StatsSnapshot s = stats.snapshot();
        assertThat(s.recent()).extracting(StatsSnapshot.RecentRequest::id).first().isEqualTo("hr-12");
        assertThat(s.recent()).extracting(StatsSnapshot.RecentRequest::id).last().isEqualTo("hr-3");
        assertThat(s.requests().rateLimited()).isEqualTo(1);
        assertThat(s.requests().failed()).isEqualTo(1);
    }

    @Test
    void resetStartsCountingAfresh() {
        StatsAggregator stats = new StatsAggregator(PRICES, clock);
        stats.record(record(0));
        stats.reset();
        StatsSnapshot s = stats.snapshot();
        assertThat(s.requests().total()).isZero();
        assertThat(s.recent()).isEmpty();
        assertThat(s.compressors()).isEmpty();
        assertThat(s.since()).isEqualTo(clock.instant());
    }

    @Test
    void compressorIsTheTransformPrefix() {
        assertThat(StatsAggregator.compressorOf("json:table")).isEqualTo("json");
        assertThat(StatsAggregator.compressorOf("dedup")).isEqualTo("dedup");
    }
}
