package dev.headroom.testkit;

import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.Usage;
import dev.headroom.stats.HoldoutCell;
import dev.headroom.stats.SavingsBucket;
import dev.headroom.stats.SavingsHistory;
import dev.headroom.stats.SavingsTotals;
import dev.headroom.stats.Series;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link SavingsHistory} must do, whatever keeps it. Implementations' tests extend this class and
 * say how to open a history on a clock.
 */
public abstract class SavingsHistoryContract {
    /** Wednesday 2025-01-15 10:30 UTC. */
    protected static final Instant START = Instant.parse("2025-01-15T10:30:00Z");
    /** One hundred nano-dollars saved per token saved. */
    protected static final ToLongFunction<RequestRecord> PRICE = r -> r.tokensSaved() * 100;

    protected final MutableClock clock = new MutableClock(START);
    private final List<SavingsHistory> opened = new ArrayList<>();

    /** A new history on {@code clock}, with {@code retention} and {@link #PRICE}. */
    protected abstract SavingsHistory newHistory(Clock clock, Duration retention);

    protected final SavingsHistory open(Duration retention) {
        SavingsHistory h = newHistory(clock, retention);
        opened.add(h);
        return h;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(SavingsHistory::close);
    }

    /** A request that went from {@code before} to {@code after} tokens and produced 7 output tokens. */
    protected static RequestRecord request(long before, long after, int status) {
        return new RequestRecord("r", "anthropic", "claude-sonnet-4-5", before, after, new Usage(after, 7, 0, 0),
                status, 10, 1, List.of(), Map.of(), false);
    }

    /** A holdout turn of {@code arm} in the claude-sonnet question stratum with {@code output} output tokens. */
    protected static RequestRecord holdoutTurn(String arm, String kind, long output, int status) {
        return new RequestRecord("r", "anthropic", "claude-sonnet-4-5", 100, 100, new Usage(100, output, 0, 0),
                status, 10, 1, List.of(), Map.of(), false, 5, Map.of(), null,
                new RequestRecord.Holdout(arm, "claude-sonnet", kind));
    }

    @Test
    protected void holdoutTurnsAddUpPerArmAndStratumAndOnlyAnsweredOnesCount() {
        SavingsHistory h = open(SavingsHistory.DEFAULT_RETENTION);
        h.record(holdoutTurn("control", "question", 500, 200));
        h.record(holdoutTurn("control", "question", 300, 200));
        h.record(holdoutTurn("treatment", "question", 200, 200));
        h.record(holdoutTurn("treatment", "error", 90, 200));
        h.record(holdoutTurn("treatment", "question", 999, 502)); // failed upstream: not a turn of the arm
        h.record(request(1000, 400, 200)); // outside the holdout
        assertThat(h.holdout().cells()).containsExactly(
                new HoldoutCell("treatment", "claude-sonnet", "error", 1, 90, 8100),
                new HoldoutCell("control", "claude-sonnet", "question", 2, 800, 340_000),
                new HoldoutCell("treatment", "claude-sonnet", "question", 1, 200, 40_000));
        assertThat(h.lifetime().requests()).isEqualTo(6);
    }

    @Test
    void recordedRequestsAppearInTheCurrentHourAndLifetime() {
        SavingsHistory h = open(SavingsHistory.DEFAULT_RETENTION);
        h.record(request(1000, 400, 200));
        h.record(request(500, 300, 502)); // failed upstream: counted as failed, its compression saved nothing
        List<SavingsBucket> hours = h.rollups(Series.HOURLY, 1);
        assertThat(hours).containsExactly(new SavingsBucket(Instant.parse("2025-01-15T10:00:00Z"), 2, 1, 1000, 400, 14, 60_000));
        SavingsTotals life = h.lifetime();
        assertThat(life.since()).contains(START);
        assertThat(life.requests()).isEqualTo(2);
        assertThat(life.failed()).isEqualTo(1);
        assertThat(life.tokensSaved()).isEqualTo(600);
        assertThat(life.costSavedNanos()).isEqualTo(60_000);
    }

    @Test
    void emptyHistoryHasNoBucketsAndNoSince() {
        SavingsHistory h = open(SavingsHistory.DEFAULT_RETENTION);
        for (Series s : Series.values()) {
            assertThat(h.rollups(s, 10)).isEmpty();
        }
        assertThat(h.lifetime()).isEqualTo(SavingsTotals.EMPTY);
    }

    @Test
    void rollupsSumHoursIntoDaysIsoWeeksAndCalendarMonths() {
        SavingsHistory h = open(SavingsHistory.DEFAULT_RETENTION);
        clock.set(Instant.parse("2024-12-31T23:10:00Z")); // Tuesday, week of Monday 2024-12-30
        h.record(request(100, 50, 200));
        clock.set(Instant.parse("2025-01-01T00:20:00Z")); // Wednesday, same ISO week, new day and month
        h.record(request(100, 60, 200));
        clock.set(Instant.parse("2025-01-01T00:40:00Z"));
        h.record(request(100, 70, 200));
        clock.set(Instant.parse("2025-01-06T09:00:00Z")); // Monday: the next week

        h.record(request(100, 90, 200));
        assertThat(h.rollups(Series.HOURLY, 24 * 7)).extracting(SavingsBucket::start, SavingsBucket::requests, SavingsBucket::tokensSaved)
                .containsExactly(tuple("2024-12-31T23:00:00Z", 1, 50), tuple("2025-01-01T00:00:00Z", 2, 70),
                        tuple("2025-01-06T09:00:00Z", 1, 10));
        assertThat(h.rollups(Series.DAILY, 7)).extracting(SavingsBucket::start, SavingsBucket::requests, SavingsBucket::tokensSaved)
                .containsExactly(tuple("2024-12-31T00:00:00Z", 1, 50), tuple("2025-01-01T00:00:00Z", 2, 70),
                        tuple("2025-01-06T00:00:00Z", 1, 10));
        assertThat(h.rollups(Series.WEEKLY, 2)).extracting(SavingsBucket::start, SavingsBucket::requests, SavingsBucket::tokensSaved)
                .containsExactly(tuple("2024-12-30T00:00:00Z", 3, 120), tuple("2025-01-06T00:00:00Z", 1, 10));
        assertThat(h.rollups(Series.MONTHLY, 2)).extracting(SavingsBucket::start, SavingsBucket::requests, SavingsBucket::tokensSaved)
                .containsExactly(tuple("2024-12-01T00:00:00Z", 1, 50), tuple("2025-01-01T00:00:00Z", 3, 80));
        assertThat(h.rollups(Series.MONTHLY, 1)).extracting(SavingsBucket::requests).containsExactly(3L);
        assertThat(h.rollups(Series.DAILY, 1)).extracting(SavingsBucket::requests).containsExactly(1L);
    }

    private static org.assertj.core.groups.Tuple tuple(String start, long requests, long saved) {
        return org.assertj.core.groups.Tuple.tuple(Instant.parse(start), requests, saved);
    }

    @Test
    void retentionDropsOldHoursButLifetimeKeepsThem() {
        SavingsHistory h = open(Duration.ofDays(30));
        h.record(request(1000, 100, 200));
        clock.advance(Duration.ofDays(29));
        h.record(request(200, 100, 200));
        assertThat(h.rollups(Series.DAILY, 60)).hasSize(2);
        clock.advance(Duration.ofDays(2));
        h.record(request(300, 100, 200));
        assertThat(h.rollups(Series.DAILY, 60)).extracting(SavingsBucket::tokensSaved).containsExactly(100L, 200L);
        assertThat(h.rollups(Series.HOURLY, 24 * 60)).hasSize(2);
        assertThat(h.lifetime().requests()).isEqualTo(3);
        assertThat(h.lifetime().tokensSaved()).isEqualTo(1200);
        assertThat(h.lifetime().since()).contains(START);
    }

    @Test
    void retentionAppliesToReadsEvenWithoutNewWrites() {
        SavingsHistory h = open(Duration.ofDays(1));
        h.record(request(1000, 100, 200));
        clock.advance(Duration.ofDays(3));
        assertThat(h.rollups(Series.MONTHLY, 12)).isEmpty();
        assertThat(h.lifetime().requests()).isEqualTo(1);
    }

    @Test
    void refusesNonPositivePeriods() {
        SavingsHistory h = open(SavingsHistory.DEFAULT_RETENTION);
        assertThatThrownBy(() -> h.rollups(Series.DAILY, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentRecordsGiveExactTotals() throws Exception {
        SavingsHistory h = open(SavingsHistory.DEFAULT_RETENTION);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 50; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        h.record(request(30, 10, 200));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(h.lifetime().requests()).isEqualTo(1000);
        assertThat(h.lifetime().tokensSaved()).isEqualTo(20_000);
        assertThat(h.rollups(Series.DAILY, 1)).singleElement()
                .satisfies(b -> assertThat(b.costSavedNanos()).isEqualTo(2_000_000));
    }
}
