package dev.headroom.ccr;

import dev.headroom.retention.ContentHash;
import dev.headroom.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SqliteRetentionStore} on a real SQLite file. */
@Timeout(120)
class SqliteRetentionStoreTest {
    @TempDir
    Path dir;

    static String original(String prefix, int i) {
        return prefix + " original #" + i + "\n" + "line of retained content\n".repeat(20);
    }

    private SqliteRetentionStore store(Clock clock, Duration ttl, long maxBytes) {
        return new SqliteRetentionStore(dir.resolve("ccr.db"), ttl, maxBytes, clock);
    }

    @Test
    void storesUnderTheContentHashAndReadsBack() {
        try (SqliteRetentionStore store = new SqliteRetentionStore(dir.resolve("sub/dir/ccr.db"))) {
            String original = "héllo wörld ✓\n".repeat(50);
            String hash = store.put(original);
            assertThat(hash).isEqualTo(ContentHash.of(original));
            assertThat(store.get(hash)).contains(original);
            assertThat(store.put(original)).isEqualTo(hash);
            assertThat(store.size()).isEqualTo(1);
            assertThat(store.get(ContentHash.of("something else"))).isEmpty();
            assertThat(store.get("not-a-hash")).isEmpty();
        }
    }

    @Test
    void survivesARestart() {
        String hash;
        try (SqliteRetentionStore store = new SqliteRetentionStore(dir.resolve("ccr.db"))) {
            hash = store.put(original("restart", 1));
        }
        try (SqliteRetentionStore reopened = new SqliteRetentionStore(dir.resolve("ccr.db"))) {
            assertThat(reopened.get(hash)).contains(original("restart", 1));
        }
    }

    @Test
    void forgetsOriginalsAfterTheTimeToLiveCountedFromTheLastPut() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (SqliteRetentionStore store = store(clock, Duration.ofHours(1), Long.MAX_VALUE)) {
            String a = store.put(original("a", 0));
            clock.advance(Duration.ofMinutes(40));
            String b = store.put(original("b", 0));
            clock.advance(Duration.ofMinutes(21));
            assertThat(store.get(a)).isEmpty();
            assertThat(store.get(b)).isPresent();
            store.put(original("a", 0)); // storing again keeps it alive
            clock.advance(Duration.ofMinutes(59));
            assertThat(store.get(a)).isPresent();
            store.put(original("c", 0)); // b (stored 80 minutes ago) is removed from the file
            assertThat(store.size()).isEqualTo(2);
        }
    }

    @Test
    void evictsTheOldestBeyondTheSizeCapButKeepsTheNewest() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        int each = original("x", 0).length();
        try (SqliteRetentionStore store = store(clock, Duration.ofDays(1), 3L * each)) {
            List<String> hashes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                hashes.add(store.put(original("x", i)));
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(store.get(hashes.get(0))).isEmpty();
            assertThat(store.get(hashes.get(1))).isEmpty();
            assertThat(store.get(hashes.get(2))).isPresent();
            assertThat(store.get(hashes.get(4))).isPresent();
            assertThat(store.totalBytes()).isLessThanOrEqualTo(3L * each);

            String huge = "y".repeat(10 * each);
            String hugeHash = store.put(huge);
            assertThat(store.get(hugeHash)).contains(huge);
            assertThat(store.size()).isEqualTo(1);
        }
    }

    @Test
    void toleratesConcurrentWritersInThisProcessAndOthers() throws Exception {
        Path file = dir.resolve("shared.db");
        List<Process> processes = new ArrayList<>();
        for (String prefix : List.of("p1", "p2")) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StoreWriterProcess.class.getName(),
                    file.toString(), prefix, "60").redirectErrorStream(true).start());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String prefix = "t" + w;
                writers.add(pool.submit(() -> {
                    try (SqliteRetentionStore store = new SqliteRetentionStore(file)) {
                        for (int i = 0; i < 60; i++) {
                            store.put(original(prefix, i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (Process p : processes) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        }
        try (SqliteRetentionStore store = new SqliteRetentionStore(file)) {
            assertThat(store.size()).isEqualTo(6 * 60);
            for (String prefix : List.of("p1", "p2", "t0", "t3")) {
                assertThat(store.get(ContentHash.of(original(prefix, 59)))).contains(original(prefix, 59));
            }
        }
    }

    @Test
    void usesTheWriteAheadLog() throws Exception {
        try (SqliteRetentionStore store = new SqliteRetentionStore(dir.resolve("ccr.db"));
             Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ccr.db"));
             Statement s = c.createStatement()) {
            store.put("x");
            assertThat(s.executeQuery("PRAGMA journal_mode").getString(1)).isEqualTo("wal");
            assertThat(s.executeQuery("PRAGMA user_version").getInt(1)).isEqualTo(SqliteRetentionStore.SCHEMA_VERSION);
        }
    }

    @Test
    void refusesAFileWithANewerSchema() throws Exception {
        Path file = dir.resolve("future.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> new SqliteRetentionStore(file))
                .isInstanceOf(RetentionStoreException.class).hasMessageContaining("schema version 99");
    }

    @Test
    void defaultFileLivesInTheUsersHeadroomDirectory() {
        // The build points HEADROOM_HOME under target/ so that tests never write the real home directory.
        String home = System.getenv("HEADROOM_HOME");
        Path expected = home != null ? Path.of(home, "ccr.db") : Path.of(System.getenv().getOrDefault("HOME",
                System.getProperty("user.home")), ".headroom", "ccr.db");
        assertThat(SqliteRetentionStore.defaultFile()).isEqualTo(expected);
    }
}
