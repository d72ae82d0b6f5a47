package dev.headroom.redis;

import dev.headroom.gateway.RateLimiter;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisRateLimitTest {

    @Test
    void twoConnectionsDrawFromTheSameRequestBucket() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             RedisConnection one = RedisConnection.open(redis.url());
             RedisConnection two = RedisConnection.open(redis.url())) {
            RedisRateLimit a = new RedisRateLimit(one);
            RedisRateLimit b = new RedisRateLimit(two);

            assertThat(a.tryAcquire("cred-1", 3, 1_000_000, 10)).isEmpty();
            assertThat(b.tryAcquire("cred-1", 3, 1_000_000, 10)).isEmpty();
            assertThat(a.tryAcquire("cred-1", 3, 1_000_000, 10)).isEmpty();
            Optional<Duration> refused = b.tryAcquire("cred-1", 3, 1_000_000, 10);

            assertThat(refused).as("the fourth request of three a minute, across both").isPresent();
            assertThat(refused.get()).isGreaterThan(Duration.ofSeconds(15)).isLessThanOrEqualTo(Duration.ofSeconds(20));
            assertThat(a.tryAcquire("cred-2", 3, 1_000_000, 10)).as("another credential has its own buckets").isEmpty();
        }
    }

    @Test
    void theTokenBucketRefusesWithoutTakingFromTheRequestBucket() throws Exception {
        try (LocalRedis redis = LocalRedis.start(); RedisConnection c = RedisConnection.open(redis.url())) {
            RedisRateLimit limits = new RedisRateLimit(c);

            assertThat(limits.tryAcquire("cred", 1_000, 1_000, 600)).isEmpty();
            Optional<Duration> refused = limits.tryAcquire("cred", 1_000, 1_000, 600);
            assertThat(refused).isPresent();
            assertThat(refused.get()).isGreaterThan(Duration.ofSeconds(10)).isLessThanOrEqualTo(Duration.ofSeconds(12));
            assertThat(limits.tryAcquire("cred", 1_000, 1_000, 300)).as("the refusal took nothing").isEmpty();
            assertThat(limits.tryAcquire("cred", 1_000, 2_000, 5_000)).as("a cost above the capacity waits for a full bucket")
                    .isPresent();
        }
    }

    @Test
    void unreachableRedisFallsBackToTheLimitersOwnBucketsAndCountsIt() {
        try (RedisConnection down = RedisConnection.open("redis://127.0.0.1:" + LocalRedis.freePort() + "/0")) {
            RedisRateLimit shared = new RedisRateLimit(down);
            assertThatThrownBy(() -> shared.tryAcquire("cred", 2, 1_000, 1)).isInstanceOf(RedisUnavailableException.class);

            RateLimiter limiter = new RateLimiter(new RateLimiter.Settings(true, 2, 1_000).withShared(java.util.Optional.of(shared)),
                    Clock.systemUTC(), 10);
            assertThat(limiter.tryAcquire("cred", 1)).isEmpty();
            assertThat(limiter.tryAcquire("cred", 1)).isEmpty();
            assertThat(limiter.tryAcquire("cred", 1)).as("limited per instance meanwhile").isPresent();

            assertThat(down.fallbacks()).containsEntry(RedisRateLimit.UNAVAILABLE, 4L);
        }
    }
}
