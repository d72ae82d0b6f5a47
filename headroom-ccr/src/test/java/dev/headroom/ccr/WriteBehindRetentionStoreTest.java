package dev.headroom.ccr;

import dev.headroom.retention.ContentHash;
import dev.headroom.retention.RetentionStore;
import dev.headroom.retention.WriteBehindRetentionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link WriteBehindRetentionStore} in front of a real SQLite file. */
@Timeout(120)
class WriteBehindRetentionStoreTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("ccr.db");
    }

    @Test
    void anOriginalIsReadableAtOnceAndLandsInTheFile() throws Exception {
        String original = SqliteRetentionStoreTest.original("behind", 1);
        try (WriteBehindRetentionStore store = new WriteBehindRetentionStore(new SqliteRetentionStore(file()))) {
            String hash = store.put(original);
            assertThat(hash).isEqualTo(ContentHash.of(original));
            assertThat(store.get(hash)).contains(original);
            store.flush();
            assertThat(store.pendingChars()).isZero();
            try (SqliteRetentionStore other = new SqliteRetentionStore(file())) { // another process's view
                assertThat(other.get(hash)).contains(original);
            }
            assertThat(store.get(hash)).contains(original);
        }
    }

    @Test
    void closeWritesEveryPendingOriginal() throws Exception {
        List<String> hashes = new ArrayList<>();
        try (WriteBehindRetentionStore store = new WriteBehindRetentionStore(new SqliteRetentionStore(file()))) {
            for (int i = 0; i < 200; i++) {
                hashes.add(store.put(SqliteRetentionStoreTest.original("close", i)));
            }
        }
        try (SqliteRetentionStore reopened = new SqliteRetentionStore(file())) {
            assertThat(reopened.size()).isEqualTo(200);
            for (int i = 0; i < 200; i++) {
                assertThat(reopened.get(hashes.get(i))).contains(SqliteRetentionStoreTest.original("close", i));
            }
        }
    }

    @Test
    void concurrentPutsFromManyThreadsAreAllKept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (WriteBehindRetentionStore store = new WriteBehindRetentionStore(new SqliteRetentionStore(file()))) {
            List<Future<String>> puts = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                puts.add(pool.submit(() -> store.put(SqliteRetentionStoreTest.original("threads", n))));
            }
            for (int i = 0; i < 400; i++) {
                assertThat(store.get(puts.get(i).get())).contains(SqliteRetentionStoreTest.original("threads", i));
            }
            store.flush();
        } finally {
            pool.shutdown();
        }
        try (SqliteRetentionStore reopened = new SqliteRetentionStore(file())) {
            assertThat(reopened.size()).isEqualTo(400);
        }
    }

    @Test
    void overTheBoundAPutWritesThroughBeforeReturning() throws Exception {
        String big = "x".repeat(5_000);
        try (WriteBehindRetentionStore store = new WriteBehindRetentionStore(new SqliteRetentionStore(file()), 1_000)) {
            String hash = store.put(big);
            assertThat(store.pendingChars()).isZero();
            try (SqliteRetentionStore other = new SqliteRetentionStore(file())) {
                assertThat(other.get(hash)).contains(big); // already in the file, no flush needed
            }
        }
    }

    @Test
    void aFailedWriteKeepsTheOriginalReadableAndIsRetried() throws Exception {
        FailingFirst failing = new FailingFirst(new SqliteRetentionStore(file()), 2);
        String original = SqliteRetentionStoreTest.original("retry", 1);
        try (WriteBehindRetentionStore store = new WriteBehindRetentionStore(failing)) {
            String hash = store.put(original);
            assertThat(store.get(hash)).contains(original);
            store.flush(); // waits through the failed rounds: the batch is queued again each time
            assertThat(store.pendingChars()).isZero();
            assertThat(store.get(hash)).contains(original);
            assertThat(failing.attempts.get()).isGreaterThanOrEqualTo(3);
        }
        try (SqliteRetentionStore reopened = new SqliteRetentionStore(file())) {
            assertThat(reopened.get(ContentHash.of(original))).contains(original);
        }
    }

    @Test
    void aBatchNeverEvictsItsOwnOriginalsUnderTheCap() {
        List<String> batch = List.of("a".repeat(400), "b".repeat(400), "c".repeat(400));
        try (SqliteRetentionStore store = new SqliteRetentionStore(file(), Duration.ofHours(1), 1_000, Clock.systemUTC())) {
            String older = store.put("o".repeat(300));
            store.putAll(batch);
            for (String original : batch) {
                assertThat(store.get(ContentHash.of(original))).contains(original);
            }
            assertThat(store.get(older)).isEmpty(); // the cap took the older one instead
        }
    }

    /** Fails the first {@code failures} batch writes, then writes through to the real store. */
    private static final class FailingFirst implements RetentionStore, AutoCloseable {
        private final SqliteRetentionStore store;
        private final int failures;
        final AtomicInteger attempts = new AtomicInteger();

        FailingFirst(SqliteRetentionStore store, int failures) {
            this.store = store;
            this.failures = failures;
        }

        @Override
        public String put(String original) {
            return store.put(original);
        }

        @Override
        public void putAll(List<String> originals) {
            if (attempts.incrementAndGet() <= failures) {
                throw new RetentionStoreException("disk full (simulated)", null);
            }
            store.putAll(originals);
        }

        @Override
        public Optional<String> get(String hash) {
            return store.get(hash);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
