package dev.headroom.redis;

import dev.headroom.gateway.SessionPrefixStore.Item;
import dev.headroom.wire.JsonCodec;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RedisSessionPrefixStoreTest {
    private static final List<Item> ITEMS = List.of(
            new Item("h1", JsonCodec.parse("{\"role\":\"user\",\"content\":\"add retries \u00e9\"}")),
            new Item("h2", JsonCodec.parse("{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\","
                    + "\"input\":{\"price\":1.10,\"big\":123456789012345678901,\"z\":1,\"a\":2}}]}")),
            new Item("h3", JsonCodec.parse("{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
                    + "\"content\":\"line 1\\n[... 77 lines omitted; hash=abc ...]\"}]}")));

    @Test
    void itemsSavedThroughOneConnectionLoadExactlyThroughAnotherWithTheSessionsTtl() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             RedisConnection one = RedisConnection.open(redis.url());
             RedisConnection two = RedisConnection.open(redis.url())) {
            new RedisSessionPrefixStore(one).save("session-1", ITEMS);

            List<Item> loaded = new RedisSessionPrefixStore(two).load("session-1");
            assertThat(loaded).isEqualTo(ITEMS);
            assertThat(loaded.stream().map(i -> JsonCodec.write(i.forwarded())).toList())
                    .isEqualTo(ITEMS.stream().map(i -> JsonCodec.write(i.forwarded())).toList());
            assertThat(new RedisSessionPrefixStore(two).load("session-2")).isEmpty();
            long ttl = commands(two).pttl(RedisSessionPrefixStore.key("session-1"));
            assertThat(ttl).isPositive().isLessThanOrEqualTo(RedisSessionPrefixStore.DEFAULT_TTL.toMillis())
                    .isGreaterThan(RedisSessionPrefixStore.DEFAULT_TTL.minusMinutes(1).toMillis());
            assertThat(one.fallbacks()).containsEntry(RedisSessionPrefixStore.UNAVAILABLE, 0L);
        }
    }

    @Test
    void aLaterTurnKeepsTheExpiryOfTheFirstSoThePrefixNeverOutlivesItsOriginals() throws Exception {
        try (LocalRedis redis = LocalRedis.start(); RedisConnection c = RedisConnection.open(redis.url())) {
            RedisSessionPrefixStore store = new RedisSessionPrefixStore(c, Duration.ofMinutes(10), RedisSessionPrefixStore.MAX_VALUE_BYTES);
            String key = RedisSessionPrefixStore.key("s");
            store.save("s", ITEMS.subList(0, 1));
            commands(c).pexpire(key, 5_000); // as if the first turn was long ago

            store.save("s", ITEMS);
            assertThat(store.load("s")).isEqualTo(ITEMS);
            assertThat(commands(c).pttl(key)).isPositive().isLessThanOrEqualTo(5_000);

            commands(c).del(key); // expired: the next turn starts a new lifetime
            store.save("s", ITEMS);
            assertThat(commands(c).pttl(key)).isGreaterThan(Duration.ofMinutes(9).toMillis());
        }
    }

    @Test
    void aConversationOverTheBoundKeepsOnlyTheLeadingItemsThatFit() throws Exception {
        String big = "x".repeat(1000);
        List<Item> items = IntStream.range(0, 20)
                .mapToObj(i -> new Item("h" + i, JsonCodec.parse("{\"role\":\"user\",\"content\":\"" + big + "\"}"))).toList();
        try (LocalRedis redis = LocalRedis.start(); RedisConnection c = RedisConnection.open(redis.url())) {
            RedisSessionPrefixStore store = new RedisSessionPrefixStore(c, Duration.ofMinutes(10), 5_000);
            store.save("s", items);

            List<Item> loaded = store.load("s");
            assertThat(loaded).hasSize(4).isEqualTo(items.subList(0, 4));
            assertThat(commands(c).get(RedisSessionPrefixStore.key("s")).getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(5_000);
        }
    }

    @Test
    void unreachableRedisIsASessionWithNoKnownPrefixAndCountsEachFallback() {
        try (RedisConnection down = RedisConnection.open("redis://127.0.0.1:" + LocalRedis.freePort() + "/0")) {
            RedisSessionPrefixStore store = new RedisSessionPrefixStore(down);
            assertThat(down.fallbacks()).containsEntry(RedisSessionPrefixStore.UNAVAILABLE, 0L);

            store.save("s", ITEMS);
            assertThat(store.load("s")).isEmpty();
            assertThat(down.fallbacks()).containsEntry(RedisSessionPrefixStore.UNAVAILABLE, 2L);
        }
    }

    @Test
    void aValueThisVersionCannotReadIsASessionWithNoKnownPrefix() {
        assertThat(SessionPrefixCodec.decode("not json")).isEmpty();
        assertThat(SessionPrefixCodec.decode("{\"v\":2,\"items\":[]}")).isEmpty();
        assertThat(SessionPrefixCodec.decode("{\"v\":1,\"items\":[{\"h\":1}]}")).isEmpty();
        assertThat(SessionPrefixCodec.decode(SessionPrefixCodec.encode(ITEMS, RedisSessionPrefixStore.MAX_VALUE_BYTES)))
                .isEqualTo(ITEMS);
    }

    private static RedisCommands<String, String> commands(RedisConnection c) {
        return c.commands().orElseThrow();
    }
}
