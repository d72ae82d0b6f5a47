package dev.headroom.memory.agent;

import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryToolHandlerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private static Path file(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "memory-tool-handler-test"));
        Path f = dir.resolve(name + ".db");
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(f + suffix));
        }
        return f;
    }

    @Test
    void saveAppliedAsideIsStoredInEveryCallShape() throws Exception {
        try (MemoryStore store = MemoryStore.open(file("aside"), "user", CLOCK)) {
            MemoryToolHandler handler = new MemoryToolHandler(store);
            handler.applyAside(JsonCodec.parse("{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"memory_save\",\"input\":{\"text\":\"anthropic fact\"}}"));
            handler.applyAside(JsonCodec.parse("{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"memory_save\","
                    + "\"arguments\":\"{\\\"text\\\":\\\"chat fact\\\"}\"}}"));
            handler.applyAside(JsonCodec.parse("{\"type\":\"function_call\",\"call_id\":\"r1\",\"name\":\"memory_save\","
                    + "\"arguments\":\"{\\\"text\\\":\\\"responses fact\\\"}\"}"));
            assertThat(store.list(10, 0)).extracting(Memory::text).containsExactly("anthropic fact", "chat fact", "responses fact");
        }
    }

    @Test
    void readingCallsAndOtherToolsAppliedAsideChangeNothing() throws Exception {
        try (MemoryStore store = MemoryStore.open(file("aside-read"), "user", CLOCK)) {
            MemoryToolHandler handler = new MemoryToolHandler(store);
            Memory kept = store.save("kept fact", "fact", 0.5, java.util.Optional.empty(), false);
            handler.applyAside(JsonCodec.parse("{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"memory_search\",\"input\":{\"query\":\"kept\"}}"));
            handler.applyAside(JsonCodec.parse("{\"type\":\"tool_use\",\"id\":\"t2\",\"name\":\"Bash\",\"input\":{\"text\":\"not ours\"}}"));
            assertThat(store.list(10, 0)).extracting(Memory::text).containsExactly("kept fact");
            assertThat(store.get(kept.id()).orElseThrow().accessCount()).isZero();

            handler.applyAside(JsonCodec.parse("{\"type\":\"tool_use\",\"id\":\"t3\",\"name\":\"memory_delete\",\"input\":{\"id\":" + kept.id() + "}}"));
            assertThat(store.list(10, 0)).isEmpty();
        }
    }
}
