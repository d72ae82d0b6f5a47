package com.example.headroom.sink;

import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRequestLogTest {

    private static RequestRecord record(String id, String model) {
        return new RequestRecord(id, "anthropic", model, 900, 300, new Usage(300, 40, 0, 0), 200, 10, 1,
                List.of(), Map.of(), false);
    }

    @Test
    void writesTheHeaderOnceAndAppendsAcrossReopens(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/requests.csv");
        try (CsvRequestLog log = new CsvRequestLog(file)) {
            log.record(record("hr-1", "claude-sonnet-4-5"));
        }
        try (CsvRequestLog log = new CsvRequestLog(file)) {
            log.record(record("hr-2", "claude-haiku-4-5"));
        }
        assertThat(Files.readAllLines(file)).containsExactly(CsvRequestLog.HEADER,
                "hr-1,anthropic,claude-sonnet-4-5,200,900,300,300,40",
                "hr-2,anthropic,claude-haiku-4-5,200,900,300,300,40");
    }

    @Test
    void quotesFieldsThatHoldCommasOrQuotes() {
        assertThat(CsvRequestLog.field("plain")).isEqualTo("plain");
        assertThat(CsvRequestLog.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvRequestLog.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}
