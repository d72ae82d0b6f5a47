package dev.headroom.redis;

import dev.headroom.retention.ContentHash;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisRetentionStoreTest {
    @Test
    void storesUnderTheContentHashAndAnotherConnectionReadsItBack() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             RedisConnection one = RedisConnection.open(redis.url());
             RedisConnection two = RedisConnection.open(redis.url())) {
            RedisRetentionStore writer = new RedisRetentionStore(one, Duration.ofMinutes(5));
            RedisRetentionStore reader = new RedisRetentionStore(two, Duration.ofMinutes(5));
            String hash = writer.put("the whole original\n".repeat(50));

            assertThat(hash).isEqualTo(ContentHash.of("the whole original\n".repeat(50)));
            assertThat(reader.get(hash)).contains("the whole original\n".repeat(50));
            assertThat(reader.get(ContentHash.of("never stored"))).isEmpty();
            assertThat(reader.get("not-a-hash")).isEmpty();
            assertThat(writer.available()).isTrue();
            assertThat(writer.location()).isEqualTo(redis.url());
        }
    }

    @Test
    void unreachableRedisFallsBackQuicklyAndCountsEachFallback() {
        int port = LocalRedis.freePort(); // nothing listens there
        try (RedisConnection down = RedisConnection.open("redis://127.0.0.1:" + port + "/0")) {
            RedisRetentionStore store = new RedisRetentionStore(down, Duration.ofMinutes(5));
            long started = System.nanoTime();

            assertThat(store.available()).isFalse();
            assertThat(store.get(ContentHash.of("x"))).isEmpty();
            assertThatThrownBy(() -> store.put("x")).isInstanceOf(RedisUnavailableException.class)
                    .hasMessageContaining("redis://127.0.0.1:" + port);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(store.fallbacks()).containsEntry(RedisRetentionStore.UNAVAILABLE, 2L)
                    .containsEntry(RedisRetentionStore.UNAVAILABLE_READ, 1L);
        }
    }

    @Test
    void refusesAStoreThatIsNotARedisUrl() {
        assertThatThrownBy(() -> RedisConnection.open("postgres://db/headroom"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redis://HOST:PORT/DB");
    }
}
