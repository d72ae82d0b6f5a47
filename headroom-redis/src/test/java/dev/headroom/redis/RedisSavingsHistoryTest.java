package dev.headroom.redis;

import dev.headroom.stats.HistoryUnavailableException;
import dev.headroom.stats.SavingsBucket;
import dev.headroom.stats.SavingsHistory;
import dev.headroom.stats.SavingsTotals;
import dev.headroom.stats.Series;
import dev.headroom.testkit.SavingsHistoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fleet history against a real redis-server: the {@link SavingsHistoryContract} for one instance, the sum of two
 * instances on one Redis, the background flush, and an outage survived by keeping the counts and retrying.
 */
class RedisSavingsHistoryTest extends SavingsHistoryContract {
    /** Long enough that only explicit reads and flushes write, so the contract runs deterministically. */
    private static final Duration NO_BACKGROUND_FLUSH = Duration.ofHours(1);

    private static LocalRedis redis;
    private static RedisConnection connection;
    private final List<AutoCloseable> extra = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = LocalRedis.start();
        connection = RedisConnection.open(redis.url());
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void emptyRedis() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (connection.commands().isEmpty()) { // a first connection refused on a busy machine is retried after 1 s
            assertThat(System.nanoTime()).as("connected to " + redis.url()).isLessThan(deadline);
            Thread.sleep(50);
        }
        connection.commands().orElseThrow().flushdb();
    }

    @org.junit.jupiter.api.AfterEach
    void closeExtra() throws Exception {
        for (int i = extra.size() - 1; i >= 0; i--) {
            extra.get(i).close();
        }
    }

    @Override
    protected SavingsHistory newHistory(Clock clock, Duration retention) {
        return new RedisSavingsHistory(connection, clock, retention, PRICE, NO_BACKGROUND_FLUSH);
    }

    @Test
    @Override
    protected void holdoutTurnsAddUpPerArmAndStratumAndOnlyAnsweredOnesCount() {
        SavingsHistory h = open(SavingsHistory.DEFAULT_RETENTION);
        h.record(holdoutTurn("control", "question", 500, 200));
        assertThat(h.holdout().cells()).as("the holdout stays with each instance's own history").isEmpty();
        assertThat(h.lifetime().requests()).isEqualTo(1);
    }

    @Test
    void twoInstancesOnOneRedisAnswerTheSumOfBothAndTheEarliestSince() throws Exception {
        RedisConnection other = keep(RedisConnection.open(redis.url()));
        SavingsHistory a = open(SavingsHistory.DEFAULT_RETENTION);
        RedisSavingsHistory b = keep(new RedisSavingsHistory(other, clock, SavingsHistory.DEFAULT_RETENTION, PRICE, NO_BACKGROUND_FLUSH));

        b.record(request(1000, 400, 200)); // 10:30, the earliest
        clock.advance(Duration.ofMinutes(20));
        a.record(request(500, 300, 200));
        a.record(request(100, 100, 502));
        clock.advance(Duration.ofHours(1)); // 11:50
        b.record(request(300, 100, 200));
        a.record(request(200, 150, 200));
        assertThat(b.flush()).as("B's background flush, here on demand; A's reads write A's own").isTrue();

        List<SavingsBucket> expectedHours = List.of(
                new SavingsBucket(Instant.parse("2025-01-15T10:00:00Z"), 3, 1, 1500, 700, 21, 80_000),
                new SavingsBucket(Instant.parse("2025-01-15T11:00:00Z"), 2, 0, 500, 250, 14, 25_000));
        assertThat(a.rollups(Series.HOURLY, 48)).isEqualTo(expectedHours);
        assertThat(b.rollups(Series.HOURLY, 48)).isEqualTo(expectedHours);
        assertThat(b.rollups(Series.DAILY, 1)).containsExactly(
                new SavingsBucket(Instant.parse("2025-01-15T00:00:00Z"), 5, 1, 2000, 950, 35, 105_000));
        SavingsTotals expected = new SavingsTotals(java.util.Optional.of(START), 5, 1, 2000, 950, 35, 105_000);
        assertThat(a.lifetime()).isEqualTo(expected);
        assertThat(b.lifetime()).isEqualTo(expected);
        assertThat(a.location()).isEqualTo(redis.url() + " (fleet)");
    }

    @Test
    void recordsWaitInMemoryAndTheBackgroundFlushWritesThem() throws Exception {
        SavingsHistory reader = open(SavingsHistory.DEFAULT_RETENTION);
        RedisSavingsHistory quiet = keep(new RedisSavingsHistory(connection, clock, SavingsHistory.DEFAULT_RETENTION, PRICE,
                NO_BACKGROUND_FLUSH));
        quiet.record(request(1000, 400, 200));
        assertThat(reader.lifetime().requests()).as("record never writes to Redis itself").isZero();
        quiet.close();
        assertThat(reader.lifetime().requests()).as("close writes what is pending").isEqualTo(1);

        RedisSavingsHistory busy = keep(new RedisSavingsHistory(connection, clock, SavingsHistory.DEFAULT_RETENTION, PRICE,
                Duration.ofMillis(50)));
        busy.record(request(300, 100, 200));
        awaitRequests(reader, 2);
        assertThat(connection.fallbacks()).containsEntry(RedisSavingsHistory.UNAVAILABLE, 0L)
                .containsEntry(RedisSavingsHistory.UNAVAILABLE_READ, 0L);
    }

    @Test
    void anOutageKeepsThePendingCountsCountsEachFailedFlushAndRetriesOnceRedisIsBack() throws Exception {
        LocalRedis own = LocalRedis.start();
        int port = own.port();
        try (RedisConnection c = RedisConnection.open(own.url()); RedisConnection view = RedisConnection.open(own.url())) {
            RedisSavingsHistory h = keep(new RedisSavingsHistory(c, clock, SavingsHistory.DEFAULT_RETENTION, PRICE,
                    Duration.ofMillis(100)));
            RedisSavingsHistory reader = keep(new RedisSavingsHistory(view, clock, SavingsHistory.DEFAULT_RETENTION, PRICE,
                    NO_BACKGROUND_FLUSH));
            h.record(request(1000, 400, 200));
            awaitRequests(reader, 1);

            own.close(); // Redis gone, and with it what it held
            h.record(request(500, 300, 200));
            h.record(request(200, 100, 200));
            assertThat(h.flush()).as("nowhere to write").isFalse();
            assertThatThrownBy(() -> h.rollups(Series.DAILY, 1)).isInstanceOf(HistoryUnavailableException.class)
                    .hasMessageContaining(own.url()).hasMessageContaining("unreachable");
            assertThatThrownBy(h::lifetime).isInstanceOf(HistoryUnavailableException.class);
            assertThat(c.fallbacks().get(RedisSavingsHistory.UNAVAILABLE)).isPositive();
            assertThat(c.fallbacks()).containsEntry(RedisSavingsHistory.UNAVAILABLE_READ, 2L);

            own = LocalRedis.start(port); // empty: only what was pending arrives
            awaitRequests(reader, 2);
            assertThat(reader.rollups(Series.HOURLY, 1)).containsExactly(
                    new SavingsBucket(Instant.parse("2025-01-15T10:00:00Z"), 2, 0, 700, 400, 14, 30_000));
            assertThat(h.lifetime().requests()).as("written once, not once per retry").isEqualTo(2);
        } finally {
            own.close();
        }
    }

    @Test
    void aBatchSentAgainAfterALostReplyIsAppliedOnce() {
        RedisSavingsHistory h = (RedisSavingsHistory) open(SavingsHistory.DEFAULT_RETENTION);
        PendingSavings batch = new PendingSavings();
        batch.add(START.getEpochSecond() / 3600, SavingsBucket.of(START, request(1000, 400, 200), 60_000), START.toEpochMilli());
        h.send(batch, 1);
        h.send(batch, 1); // as a retry does when Redis applied the batch but the reply timed out
        assertThat(h.lifetime().requests()).isEqualTo(1);
        assertThat(h.rollups(Series.HOURLY, 1)).extracting(SavingsBucket::requests).containsExactly(1L);
        h.send(batch, 2);
        assertThat(h.lifetime().requests()).as("the next batch counts").isEqualTo(2);
    }

    @Test
    void aLongOutageKeepsAWeekOfHoursAndTheWholeLifetime() throws Exception {
        int port = LocalRedis.freePort(); // nothing listens yet
        try (RedisConnection c = RedisConnection.open("redis://127.0.0.1:" + port + "/0")) {
            RedisSavingsHistory h = keep(new RedisSavingsHistory(c, clock, SavingsHistory.DEFAULT_RETENTION, PRICE,
                    NO_BACKGROUND_FLUSH));
            int hours = RedisSavingsHistory.MAX_PENDING_HOURS + 2;
            for (int i = 0; i < hours; i++) {
                h.record(request(100, 50, 200));
                clock.advance(Duration.ofHours(1));
            }
            assertThat(c.fallbacks()).containsEntry(RedisSavingsHistory.DROPPED, 2L);
            assertThat(h.flush()).isFalse();

            try (LocalRedis late = LocalRedis.start(port)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!h.flush()) {
                    assertThat(System.nanoTime()).as("Redis reached within 10 s").isLessThan(deadline);
                    Thread.sleep(100);
                }
                assertThat(h.lifetime().requests()).isEqualTo(hours);
                assertThat(h.lifetime().since()).contains(START);
                assertThat(h.rollups(Series.HOURLY, 24 * 30)).hasSize(RedisSavingsHistory.MAX_PENDING_HOURS);
                h.close();
            }
        }
    }

    private static void awaitRequests(SavingsHistory h, long requests) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                if (h.lifetime().requests() == requests) {
                    return;
                }
            } catch (HistoryUnavailableException notYet) {
                // Redis still reconnecting
            }
            assertThat(System.nanoTime()).as("%d requests within 10 s", requests).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        extra.add(closeable);
        return closeable;
    }
}
