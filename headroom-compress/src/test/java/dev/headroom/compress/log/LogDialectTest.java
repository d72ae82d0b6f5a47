package dev.headroom.compress.log;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class LogDialectTest {
    private final LogDialect dialect = new LogDialect();

    @Provide
    Arbitrary<String> lines() {
        return Arbitraries.of("error", "Errors", "ERROR", "failed", "Failure", "failures", "fatal", "exception",
                        "Exceptions", "no ", "0", "00", "1", " ", "  ", "=", ":", "\"", "_count", "null", "None", "false",
                        "[]", "x", "2025-10-08 12:30:", "T00:00:0", "level=", "warn", "timeout", "\t", "\r", "\f", "\u000B")
                .list().ofMinSize(1).ofMaxSize(14).map(parts -> String.join("", parts));
    }

    @Property(seed = "20261127", tries = 3000)
    void zeroCountPreCheckNeverSkipsALineThePatternWouldClean(@ForAll("lines") String line) {
        if (LogDialect.ZERO_COUNT.matcher(line).find()) {
            assertThat(LogDialect.mayCountZero(line.toLowerCase(Locale.ROOT))).as(line).isTrue();
        }
    }

    @Test
    void zeroCountsAreNotErrors() {
        assertThat(dialect.classify("2025-10-08 12:30:15 INFO build finished: errors: 0, warnings: 2")).isNotEqualTo(Severity.ERROR);
        assertThat(dialect.classify("2025-10-08 12:30:15 INFO 0 failed, 12 passed")).isEqualTo(Severity.INFO);
        assertThat(dialect.classify("2025-10-08 12:30:15 ERROR payment failed: errors=1")).isEqualTo(Severity.ERROR);
        assertThat(dialect.classify("{\"level\":\"info\",\"error\":null,\"msg\":\"ok\"}")).isNotEqualTo(Severity.ERROR);
    }
}
