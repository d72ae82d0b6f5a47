package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.CompressOptions;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.pipeline.KeepHeadCompressor;
import dev.headroom.retention.ContentHash;
import dev.headroom.testkit.StaleReadTurns;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CacheModeSessionsTest {
    private static final Headers NO_HEADERS = Headers.builder().build();
    private final HeadroomEngine engine = Headroom.builder().discoverCompressors(false)
            .addCompressor(new KeepHeadCompressor(3)).build();

    @Test
    void aTurnOnAnotherGatewaySharingTheStoreReplaysWhatTheFirstForwarded() {
        String[] turns = StaleReadTurns.turns();
        SessionPrefixStore shared = SessionPrefixStore.inMemory();
        byte[] first = forward(new CacheModeSessions(shared), turns[0]);
        byte[] second = forward(new CacheModeSessions(shared), turns[1]);
        byte[] unshared = forward(new CacheModeSessions(SessionPrefixStore.inMemory()), turns[1]);

        assertThat(firstMessages(second, 3)).isEqualTo(firstMessages(first, 3));
        assertThat(new String(second, StandardCharsets.UTF_8))
                .startsWith(new String(first, StandardCharsets.UTF_8).substring(0, first.length - 2));
        assertThat(firstMessages(unshared, 3)).as("without the prefix the first read is rewritten as stale")
                .isNotEqualTo(firstMessages(first, 3));
    }

    @Test
    void aStoreThatFailsIsTreatedAsASessionWithNoKnownPrefix() {
        String[] turns = StaleReadTurns.turns();
        AtomicInteger calls = new AtomicInteger();
        SessionPrefixStore broken = new SessionPrefixStore() {
            @Override
            public List<Item> load(String sessionKey) {
                calls.incrementAndGet();
                throw new IllegalStateException("store down");
            }

            @Override
            public void save(String sessionKey, List<Item> items) {
                calls.incrementAndGet();
                throw new IllegalStateException("store down");
            }
        };
        CacheModeSessions sessions = new CacheModeSessions(broken);
        forward(sessions, turns[0]);
        byte[] second = forward(sessions, turns[1]);

        assertThat(calls).hasValue(4);
        assertThat(second).isEqualTo(forward(new CacheModeSessions(SessionPrefixStore.inMemory()), turns[1]));
    }

    @Test
    void theSessionIdHeaderKeysTheSavedItemsOriginalHashAndForwardedFormOfEach() {
        String[] turns = StaleReadTurns.turns();
        SessionPrefixStore store = SessionPrefixStore.inMemory();
        byte[] forwarded = new CacheModeSessions(store).compress(engine,
                Headers.builder().add("x-headroom-session-id", "s1").build(),
                turns[0].getBytes(StandardCharsets.UTF_8), CompressOptions.DEFAULT).bytes();
        List<JsonNode> sent = firstMessages(turns[0].getBytes(StandardCharsets.UTF_8), 3);

        List<SessionPrefixStore.Item> saved = store.load("s1");
        assertThat(saved).hasSize(3);
        assertThat(saved.stream().map(SessionPrefixStore.Item::forwarded).toList()).isEqualTo(firstMessages(forwarded, 3));
        assertThat(saved.stream().map(SessionPrefixStore.Item::originalHash).toList())
                .isEqualTo(sent.stream().map(m -> ContentHash.of(JsonCodec.write(m))).toList());
        assertThat(saved.get(2).forwarded()).as("the read was compressed").isNotEqualTo(sent.get(2));
    }

    @Test
    void theInMemoryStoreForgetsTheLeastRecentlyUsedSession() {
        SessionPrefixStore store = SessionPrefixStore.inMemory(2);
        List<SessionPrefixStore.Item> items = List.of(new SessionPrefixStore.Item("h", JsonCodec.parse("{\"role\":\"user\"}")));
        store.save("a", items);
        store.save("b", items);
        assertThat(store.load("a")).isEqualTo(items);
        store.save("c", items);

        assertThat(store.load("b")).isEmpty();
        assertThat(store.load("a")).isEqualTo(items);
        assertThat(store.load("c")).isEqualTo(items);
    }

    private byte[] forward(CacheModeSessions sessions, String body) {
        return sessions.compress(engine, NO_HEADERS, body.getBytes(StandardCharsets.UTF_8), CompressOptions.DEFAULT).bytes();
    }

    private static List<JsonNode> firstMessages(byte[] body, int n) {
        JsonNode messages = JsonCodec.parse(body).get("messages");
        return IntStream.range(0, n).mapToObj(messages::get).toList();
    }



}
