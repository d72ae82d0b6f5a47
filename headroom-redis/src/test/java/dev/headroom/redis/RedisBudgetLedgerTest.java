package dev.headroom.redis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisBudgetLedgerTest {

    @Test
    void twoConnectionsChargeOneSpendPerPeriodWithoutLosingConcurrentAdditions() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             RedisConnection one = RedisConnection.open(redis.url());
             RedisConnection two = RedisConnection.open(redis.url())) {
            RedisBudgetLedger a = new RedisBudgetLedger(one);
            RedisBudgetLedger b = new RedisBudgetLedger(two);
            assertThat(a.spentNanos("2026-12")).isZero();

            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                RedisBudgetLedger ledger = t % 2 == 0 ? a : b;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 50; i++) {
                        ledger.add("2026-12", 1_000);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread t : threads) {
                t.join();
            }

            assertThat(b.spentNanos("2026-12")).isEqualTo(200_000);
            assertThat(a.spentNanos("2026-11")).as("another period starts from 0").isZero();
            assertThat(a.location()).contains(redis.url());
            assertThat(one.fallbacks()).containsEntry(RedisBudgetLedger.UNAVAILABLE, 0L);
        }
    }

    @Test
    void unreachableRedisThrowsAndCountsEachFallback() {
        try (RedisConnection down = RedisConnection.open("redis://127.0.0.1:" + LocalRedis.freePort() + "/0")) {
            RedisBudgetLedger ledger = new RedisBudgetLedger(down);

            assertThatThrownBy(() -> ledger.spentNanos("2026-12")).isInstanceOf(RedisUnavailableException.class);
            assertThatThrownBy(() -> ledger.add("2026-12", 5)).isInstanceOf(RedisUnavailableException.class);
            assertThatThrownBy(() -> ledger.add("2026-12", -5)).isInstanceOf(IllegalArgumentException.class);

            assertThat(down.fallbacks()).containsEntry(RedisBudgetLedger.UNAVAILABLE, 2L);
        }
    }
}
