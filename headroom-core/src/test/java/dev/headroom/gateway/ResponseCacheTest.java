package dev.headroom.gateway;

import dev.headroom.testkit.MutableClock;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseCacheTest {
    private static final byte[] BODY = "{\"model\":\"m\",\"temperature\":0,\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
    private final MutableClock clock = new MutableClock();

    private static String key(String credential, byte[] body) {
        return ResponseCache.key("anthropic", "/v1/messages", "", Headers.empty(), body, credential);
    }

    private static ResponseCache.Answer answer(String text) {
        return new ResponseCache.Answer(200, Headers.builder().add("content-type", "application/json").build(),
                text.getBytes(StandardCharsets.UTF_8));
    }

    private ResponseCache cache(int maxEntries, long maxBytes) {
        return new ResponseCache(new ResponseCache.Settings(true, Duration.ofMinutes(10), maxEntries, maxBytes), clock);
    }

    @Test
    void anotherCredentialHashMisses() {
        ResponseCache cache = cache(10, 1 << 20);
        cache.put(key("tenant-a", BODY), answer("a"));
        assertThat(cache.get(key("tenant-a", BODY))).isPresent();
        assertThat(cache.get(key("tenant-b", BODY))).isEmpty();
    }

    @Test
    void anotherGenerationParameterMisses() {
        ResponseCache cache = cache(10, 1 << 20);
        cache.put(key("t", BODY), answer("a"));
        byte[] warmer = new String(BODY, StandardCharsets.UTF_8).replace("\"temperature\":0", "\"temperature\":1")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(cache.get(key("t", warmer))).isEmpty();
    }

    @Test
    void anotherPathQueryOrVersionHeaderMisses() {
        String base = key("t", BODY);
        assertThat(ResponseCache.key("anthropic", "/v1/messages/count_tokens", "", Headers.empty(), BODY, "t")).isNotEqualTo(base);
        assertThat(ResponseCache.key("anthropic", "/v1/messages", "beta=true", Headers.empty(), BODY, "t")).isNotEqualTo(base);
        assertThat(ResponseCache.key("anthropic", "/v1/messages", "",
                Headers.builder().add("anthropic-beta", "x").build(), BODY, "t")).isNotEqualTo(base);
        assertThat(ResponseCache.key("openai", "/v1/messages", "", Headers.empty(), BODY, "t")).isNotEqualTo(base);
    }

    @Test
    void expiresAfterTheTtl() {
        ResponseCache cache = cache(10, 1 << 20);
        cache.put(key("t", BODY), answer("a"));
        clock.advance(Duration.ofMinutes(10).minusNanos(1));
        assertThat(cache.get(key("t", BODY))).isPresent();
        clock.advance(Duration.ofNanos(1));
        assertThat(cache.get(key("t", BODY))).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondTheEntryBound() {
        ResponseCache cache = cache(2, 1 << 20);
        cache.put("k1", answer("1"));
        cache.put("k2", answer("2"));
        cache.get("k1");
        cache.put("k3", answer("3"));
        assertThat(cache.get("k1")).isPresent();
        assertThat(cache.get("k2")).isEmpty();
        assertThat(cache.get("k3")).isPresent();
    }

    @Test
    void staysWithinTheByteBoundAndSkipsAnswersLargerThanIt() {
        ResponseCache cache = cache(100, 300);
        for (int i = 0; i < 10; i++) {
            cache.put("k" + i, answer("x".repeat(50)));
        }
        assertThat(cache.bytes()).isLessThanOrEqualTo(300);
        assertThat(cache.size()).isBetween(1, 4);
        assertThat(cache.get("k9")).isPresent();
        cache.put("big", answer("x".repeat(400)));
        assertThat(cache.get("big")).isEmpty();
        assertThat(cache.get("k9")).isPresent();
    }

    @Test
    void storesOnlyOkAnswersAndClearEmptiesIt() {
        ResponseCache cache = cache(10, 1 << 20);
        cache.put("bad", new ResponseCache.Answer(500, Headers.empty(), new byte[]{1}));
        assertThat(cache.get("bad")).isEmpty();
        cache.put("a", answer("a"));
        cache.put("b", answer("b"));
        assertThat(cache.clear()).isEqualTo(2);
        assertThat(cache.get("a")).isEmpty();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void disabledNeitherStoresNorFinds() {
        ResponseCache cache = new ResponseCache(ResponseCache.Settings.disabled(), clock);
        cache.put("a", answer("a"));
        assertThat(cache.get("a")).isEmpty();
        assertThat(cache.size()).isZero();
    }
}
