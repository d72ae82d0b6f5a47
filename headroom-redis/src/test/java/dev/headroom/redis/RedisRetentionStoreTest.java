package dev.headroom.redis;

import dev.headroom.retention.ContentHash;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisRetentionStoreTest {
    private static final Path BINARY = Path.of("/usr/bin/redis-server");

    @Test
    void storesUnderTheContentHashAndAnotherConnectionReadsItBack() throws Exception {
        int port = freePort();
        Process redis = startRedis(port);
        try (RedisConnection one = RedisConnection.open("redis://127.0.0.1:" + port + "/0");
             RedisConnection two = RedisConnection.open("redis://127.0.0.1:" + port + "/0")) {
            RedisRetentionStore writer = new RedisRetentionStore(one, Duration.ofMinutes(5));
            RedisRetentionStore reader = new RedisRetentionStore(two, Duration.ofMinutes(5));
            String hash = writer.put("the whole original\n".repeat(50));

            assertThat(hash).isEqualTo(ContentHash.of("the whole original\n".repeat(50)));
            assertThat(reader.get(hash)).contains("the whole original\n".repeat(50));
            assertThat(reader.get(ContentHash.of("never stored"))).isEmpty();
            assertThat(reader.get("not-a-hash")).isEmpty();
            assertThat(writer.available()).isTrue();
            assertThat(writer.location()).isEqualTo("redis://127.0.0.1:" + port + "/0");
        } finally {
            redis.destroyForcibly().waitFor();
        }
    }

    @Test
    void unreachableRedisFallsBackQuicklyAndCountsEachFallback() {
        int port = freePort(); // nothing listens there
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

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Process startRedis(int port) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "redis-server is not installed (apt-get install redis-server); .ci/run installs it");
        Process p = new ProcessBuilder(List.of(BINARY.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("redis-server did not listen on " + port);
    }
}
