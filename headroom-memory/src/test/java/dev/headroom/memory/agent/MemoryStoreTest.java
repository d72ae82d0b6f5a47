package dev.headroom.memory.agent;

import dev.headroom.sqlite.SchemaVersioning;
import dev.headroom.sqlite.SqliteDatabase;
import dev.headroom.sqlite.SqliteSchema;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private static Path file(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "memory-store-test"));
        Path f = dir.resolve(name + ".db");
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(f + suffix));
        }
        return f;
    }

    @Test
    void ranksByBm25AndKeepsMemoriesAcrossReopen() throws Exception {
        Path f = file("rank");
        try (MemoryStore store = MemoryStore.open(f, "project:/work/app", CLOCK)) {
            store.save("The build runs with ./mvnw -B verify", "command", 0.5, Optional.empty(), false);
            store.save("Tests use JUnit 5 and AssertJ", "fact", 0.5, Optional.empty(), false);
            store.save("The user prefers short answers", "preference", 0.5, Optional.empty(), false);
        }
        try (MemoryStore store = MemoryStore.open(f, "project:/work/app", CLOCK)) {
            List<Memory> found = store.search("how do I run the build with mvnw?", 10);
            assertThat(found).extracting(Memory::text).containsExactly("The build runs with ./mvnw -B verify");
            Memory m = found.get(0);
            assertThat(m.scope()).isEqualTo("project:/work/app");
            assertThat(m.category()).isEqualTo("command");
            assertThat(m.created()).isEqualTo(CLOCK.instant());
            assertThat(m.learned()).isFalse();
            assertThat(store.search("junit tests", 10)).extracting(Memory::text).containsExactly("Tests use JUnit 5 and AssertJ");
            assertThat(store.search("the and of", 10)).isEmpty();
        }
    }

    @Test
    void moreImportantMemoryRanksFirstAmongEquallyRelevant() throws Exception {
        try (MemoryStore store = MemoryStore.open(file("importance"), "user", CLOCK)) {
            store.save("gradle wrapper is broken", "fact", 0.1, Optional.empty(), false);
            store.save("gradle cache lives on the ramdisk", "fact", 1.0, Optional.empty(), false);
            assertThat(store.search("gradle", 10)).extracting(Memory::importance).containsExactly(1.0, 0.1);
        }
    }

    @Test
    void searchTreatsFtsSyntaxInTheQueryAsWords() throws Exception {
        try (MemoryStore store = MemoryStore.open(file("syntax"), "user", CLOCK)) {
            store.save("NEAR the column AND the star", "fact", 0.5, Optional.empty(), false);
            assertThat(store.search("\"NEAR( column* OR - ^star", 10)).hasSize(1);
        }
    }

    @Test
    void supersededMemoryIsNoLongerSearchedAndUpdateReindexes() throws Exception {
        try (MemoryStore store = MemoryStore.open(file("supersede"), "user", CLOCK)) {
            Memory old = store.save("deploy with make deploy", "command", 0.5, Optional.empty(), false);
            Memory repl = store.save("deploy with ./deploy.sh", "command", 0.5, Optional.of(old.id()), false);
            assertThat(repl.supersedes()).contains(old.id());
            assertThat(store.search("deploy", 10)).extracting(Memory::id).containsExactly(repl.id());
            assertThat(store.list(10, 0)).extracting(Memory::id).containsExactly(repl.id());
            store.update(repl.id(), "ship with ./ship.sh", null, null);
            assertThat(store.search("deploy", 10)).isEmpty();
            assertThat(store.search("ship", 10)).extracting(Memory::id).containsExactly(repl.id());
            assertThat(store.prune(CLOCK.instant())).isEqualTo(1); // the superseded one
            assertThat(store.get(old.id())).isEmpty();
            assertThat(store.delete(repl.id())).isTrue();
            assertThat(store.delete(repl.id())).isFalse();
            assertThat(store.search("ship", 10)).isEmpty();
        }
    }

    @Test
    void touchCountsAccessesAndRefusesBadValues() throws Exception {
        try (MemoryStore store = MemoryStore.open(file("touch"), "user", CLOCK)) {
            Memory m = store.save("x marks the spot", null, 0.5, Optional.empty(), true);
            store.touch(List.of(m.id(), m.id()));
            assertThat(store.get(m.id()).orElseThrow().accessCount()).isEqualTo(2);
            assertThat(store.get(m.id()).orElseThrow().learned()).isTrue();
            assertThatThrownBy(() -> store.save(" ", "fact", 0.5, Optional.empty(), false)).hasMessageContaining("non-empty");
            assertThatThrownBy(() -> store.save("y", "Bad Category!", 0.5, Optional.empty(), false)).hasMessageContaining("category");
            assertThatThrownBy(() -> store.save("y", "fact", 2, Optional.empty(), false)).hasMessageContaining("importance");
            assertThatThrownBy(() -> store.save("y", "fact", 0.5, Optional.of(999L), false)).hasMessageContaining("999");
            assertThat(store.count()).isEqualTo(1);
        }
    }

    @Test
    void evidenceCountsEachToolCallOnce() throws Exception {
        try (MemoryStore store = MemoryStore.open(file("evidence"), "user", CLOCK)) {
            assertThat(store.sighting("build: mvn verify", "command", "call-1")).isEqualTo(1);
            assertThat(store.sighting("build: mvn verify", "command", "call-1")).isEqualTo(1);
            assertThat(store.sighting("build: mvn verify", "command", "call-2")).isEqualTo(2);
            assertThat(store.sighting("build: mvn verify", "command", "call-1")).isEqualTo(2);
            assertThat(store.sighting("tests: mvn test", "command", "call-1")).isEqualTo(1);
        }
    }

    @Test
    void migratesAVersionOneFileKeepingItsMemories() throws Exception {
        Path f = file("migrate");
        SqliteSchema v1 = new SqliteSchema("memory", SchemaVersioning.USER_VERSION, MemorySchema.STEPS.subList(0, 1));
        try (Connection c = SqliteDatabase.open(f, v1, MemoryStoreException::new); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO memories (text, scope, category, importance, created_millis, updated_millis) "
                    + "VALUES ('old fact about flyway migrations', 'user', 'fact', 0.5, 1000, 1000)");
            assertThat(v1.version(c)).isEqualTo(1);
        }
        try (MemoryStore store = MemoryStore.open(f, "user", CLOCK)) {
            List<Memory> found = store.search("flyway", 10);
            assertThat(found).hasSize(1);
            assertThat(found.get(0).learned()).isFalse();
            assertThat(found.get(0).created()).isEqualTo(Instant.ofEpochMilli(1000));
            assertThat(store.sighting("f", "fact", "r")).isEqualTo(1); // version 2's table exists
        }
        try (Connection c = SqliteDatabase.open(f, MemorySchema.SCHEMA, MemoryStoreException::new)) {
            assertThat(MemorySchema.SCHEMA.version(c)).isEqualTo(2);
        }
    }
}
