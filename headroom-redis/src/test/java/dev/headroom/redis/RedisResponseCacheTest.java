package dev.headroom.redis;

import dev.headroom.gateway.Headers;
import dev.headroom.gateway.ResponseCache;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisResponseCacheTest {
    private static final ResponseCache.Answer ANSWER = new ResponseCache.Answer(200,
            Headers.builder().add("content-type", "application/json").add("x-request-id", "r1").build(),
            "{\"ok\":true,\"bytes\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    void anAnswerStoredThroughOneConnectionIsReplayedThroughAnotherUntilCleared() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             RedisConnection one = RedisConnection.open(redis.url());
             RedisConnection two = RedisConnection.open(redis.url())) {
            ResponseCache a = new ResponseCache(ResponseCache.Settings.defaults().withShared(Optional.of(new RedisResponseCache(one))),
                    Clock.systemUTC());
            ResponseCache b = new ResponseCache(ResponseCache.Settings.defaults().withShared(Optional.of(new RedisResponseCache(two))),
                    Clock.systemUTC());
            a.put("k1", ANSWER);

            Optional<ResponseCache.Answer> replayed = b.get("k1");
            assertThat(replayed).isPresent();
            assertThat(replayed.get().status()).isEqualTo(200);
            assertThat(replayed.get().body()).isEqualTo(ANSWER.body());
            assertThat(replayed.get().headers().all("x-request-id")).containsExactly("r1");
            assertThat(b.get("k2")).isEmpty();
            assertThat(a.size()).as("nothing kept locally").isZero();

            assertThat(b.clear()).isEqualTo(1);
            assertThat(a.get("k1")).isEmpty();
        }
    }

    @Test
    void unreachableRedisFallsBackToTheInstancesOwnEntriesAndCountsIt() {
        try (RedisConnection down = RedisConnection.open("redis://127.0.0.1:" + LocalRedis.freePort() + "/0")) {
            RedisResponseCache shared = new RedisResponseCache(down);
            assertThatThrownBy(() -> shared.get("k")).isInstanceOf(RedisUnavailableException.class);
            ResponseCache cache = new ResponseCache(ResponseCache.Settings.defaults().withTtl(Duration.ofMinutes(1))
                    .withShared(Optional.of(shared)), Clock.systemUTC());

            cache.put("k", ANSWER);
            assertThat(cache.get("k")).as("kept and replayed locally meanwhile").isPresent();
            assertThat(down.fallbacks()).containsEntry(RedisResponseCache.UNAVAILABLE, 3L);
        }
    }

    @Test
    void aValueThisVersionCannotReadIsAMiss() {
        assertThat(RedisResponseCache.decode("not json")).isEmpty();
        assertThat(RedisResponseCache.decode(RedisResponseCache.encode(ANSWER))).isPresent();
    }
}
