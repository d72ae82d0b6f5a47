package dev.headroom.redis;

import dev.headroom.gateway.RateLimiter;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisRateLimitsTest {

    @Test
    void twoConnectionsDrawFromTheSameRequestBucket() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             RedisConnection one = RedisConnection.open(redis.url());
             RedisConnection two = RedisConnection.open(redis.url())) {
            RedisRateLimits a = new RedisRateLimits(one);
            RedisRateLimits b = new RedisRateLimits(two);

            assertThat(a.tryAcquire("cred-1", 10, 3, 1_000_000)).isEmpty();
            assertThat(b.tryAcquire("cred-1", 10, 3, 1_000_000)).isEmpty();
            assertThat(a.tryAcquire("cred-1", 10, 3, 1_000_000)).isEmpty();
            Optional<Duration> refused = b.tryAcquire("cred-1", 10, 3, 1_000_000);

            assertThat(refused).as("the fourth request of three a minute, across both").isPresent();
            assertThat(refused.get()).isGreaterThan(Duration.ofSeconds(15)).isLessThanOrEqualTo(Duration.ofSeconds(20));
            assertThat(a.tryAcquire("cred-2", 10, 3, 1_000_000)).as("another credential has its own buckets").isEmpty();
        }
    }

    @Test
    void theTokenBucketRefusesWithoutTakingFromTheRequestBucket() throws Exception {
        try (LocalRedis redis = LocalRedis.start(); RedisConnection c = RedisConnection.open(redis.url())) {
            RedisRateLimits limits = new RedisRateLimits(c);

            assertThat(limits.tryAcquire("cred", 600, 1_000, 1_000)).isEmpty();
            Optional<Duration> refused = limits.tryAcquire("cred", 600, 1_000, 1_000);
            assertThat(refused).isPresent();
            assertThat(refused.get()).isGreaterThan(Duration.ofSeconds(10)).isLessThanOrEqualTo(Duration.ofSeconds(12));
            assertThat(limits.tryAcquire("cred", 300, 1_000, 1_000)).as("the refusal took nothing").isEmpty();
            assertThat(limits.tryAcquire("cred", 5_000, 1_000, 2_000)).as("a cost above the capacity waits for a full bucket")
                    .isPresent();
        }
    }

    @Test
    void unreachableRedisFallsBackToTheLimitersOwnBucketsAndCountsIt() {
        try (RedisConnection down = RedisConnection.open("redis://127.0.0.1:" + LocalRedis.freePort() + "/0")) {
            RedisRateLimits shared = new RedisRateLimits(down);
            assertThatThrownBy(() -> shared.tryAcquire("cred", 1, 2, 1_000)).isInstanceOf(RedisUnavailableException.class);

            RateLimiter limiter = new RateLimiter(new RateLimiter.Settings(true, 2, 1_000).withShared(shared),
                    Clock.systemUTC(), 10);
            assertThat(limiter.tryAcquire("cred", 1)).isEmpty();
            assertThat(limiter.tryAcquire("cred", 1)).isEmpty();
            assertThat(limiter.tryAcquire("cred", 1)).as("limited per instance meanwhile").isPresent();

            assertThat(down.fallbacks().snapshot()).containsEntry(RedisRateLimits.UNAVAILABLE, 4L);
        }
    }
}
