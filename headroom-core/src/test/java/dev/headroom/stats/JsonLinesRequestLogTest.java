package dev.headroom.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.Usage;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesRequestLogTest {

    private static RequestRecord record(int i) {
        return new RequestRecord("hr-" + i, "anthropic", "claude-sonnet-4-5", 900, 300, new Usage(300, 40, 0, 0), 200,
                15.125, 2.5, List.of("log:digest"), Map.of(), false, 9, Map.of("log:digest", 600L));
    }

    @Test
    void writesOneWholeJsonLinePerRequestFromManyThreads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/requests.jsonl");
        try (JsonLinesRequestLog log = new JsonLinesRequestLog(file)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int k = 0; k < 50; k++) {
                        log.record(record(thread * 50 + k));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(400);
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            JsonNode json = JsonCodec.parse(line);
            ids.add(json.path("id").asText());
            assertThat(json.path("tokens_saved").asLong()).isEqualTo(600);
            assertThat(json.path("transforms").get(0).asText()).isEqualTo("log:digest");
            assertThat(Instant.parse(json.path("time").asText())).isNotNull();
            assertThat(json.path("time").asText()).endsWith("Z");
        }
        assertThat(ids).hasSize(400);
    }

    @Test
    void appendsToAnExistingLog(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("requests.jsonl");
        try (JsonLinesRequestLog log = new JsonLinesRequestLog(file)) {
            log.record(record(1));
        }
        try (JsonLinesRequestLog log = new JsonLinesRequestLog(file)) {
            log.record(record(2));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        List<String> keys = new ArrayList<>();
        JsonCodec.parse(lines.get(0)).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("id", "time", "provider", "model", "tokens_before", "tokens_after",
                "tokens_saved", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens",
                "latency_ms", "overhead_ms", "ttfb_ms", "transforms", "cached", "status");
    }

    @Test
    void messageBodiesAppearOnlyWhenTheRecordCarriesThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("requests.jsonl");
        RequestRecord plain = record(1);
        RequestRecord withBodies = new RequestRecord("hr-2", "anthropic", "claude-sonnet-4-5", 900, 300, Usage.NONE, 200,
                1, 1, List.of(), Map.of(), false, 0, Map.of(),
                new RequestRecord.Messages("{\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}", "not json"));
        RequestRecord streamed = new RequestRecord("hr-3", "anthropic", "", 0, 0, Usage.NONE, 200, 1, 1, List.of(),
                Map.of(), false, 0, Map.of(), new RequestRecord.Messages("{\"stream\":true}", null));
        try (JsonLinesRequestLog log = new JsonLinesRequestLog(file)) {
            log.record(plain);
            log.record(withBodies);
            log.record(streamed);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(JsonCodec.parse(lines.get(0)).has("messages")).isFalse();
        JsonNode second = JsonCodec.parse(lines.get(1));
        assertThat(second.at("/messages/request/messages/0/content").asText()).isEqualTo("hello there");
        assertThat(second.at("/messages/response").asText()).isEqualTo("not json");
        JsonNode third = JsonCodec.parse(lines.get(2));
        assertThat(third.at("/messages/request/stream").asBoolean()).isTrue();
        assertThat(third.at("/messages/response").isNull()).isTrue();
    }

    @Test
    void aHoldoutTurnLogsItsArmAndStratum(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("requests.jsonl");
        RequestRecord turn = new RequestRecord("hr-1", "openai", "gpt-5", 10, 10, new Usage(10, 42, 0, 0), 200, 1, 1,
                List.of(), Map.of("output_shaper:holdout:control", 1), false, 0, Map.of(), null,
                new RequestRecord.Holdout("control", "gpt-5", "tool_continuation"));
        try (JsonLinesRequestLog log = new JsonLinesRequestLog(file)) {
            log.record(turn);
            log.record(record(2));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(JsonCodec.write(JsonCodec.parse(lines.get(0)).get("holdout")))
                .isEqualTo("{\"arm\":\"control\",\"model_family\":\"gpt-5\",\"turn_kind\":\"tool_continuation\"}");
        assertThat(JsonCodec.parse(lines.get(1)).has("holdout")).isFalse();
    }
}
