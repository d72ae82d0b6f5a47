package dev.headroom.compress.table;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SeverityTest {

    @ParameterizedTest(name = "{0}={1} ({2}) is {3}")
    @CsvSource({
        "status,        error,              STRING,  2",
        "state,         firing,             STRING,  2",
        "phase,         Failed,             STRING,  2",
        "reason,        CrashLoopBackOff,   STRING,  2",
        "conclusion,    failure,            STRING,  2",
        "severity,      critical,           STRING,  2",
        "severity,      high,               STRING,  1",
        "type,          Warning,            STRING,  1",
        "level,         50,                 NUMBER,  2",
        "level,         40,                 NUMBER,  1",
        "level,         30,                 NUMBER,  0",
        "exitCode,      137,                NUMBER,  2",
        "exit_code,     0,                  NUMBER,  0",
        "statusCode,    503,                NUMBER,  2",
        "statusCode,    404,                NUMBER,  1",
        "statusCode,    200,                NUMBER,  0",
        "rxErrors,      3,                  NUMBER,  1",
        "rxErrors,      0,                  NUMBER,  0",
        "success,       false,              BOOLEAN, 2",
        "ready,         false,              BOOLEAN, 1",
        "ready,         true,               BOOLEAN, 0",
        "error,         connection reset,   STRING,  2",
        "msg,           connect ECONNREFUSED then Error thrown, STRING, 1",
        "msg,           request completed,  STRING,  0",
        "description,   fails over to the standby, STRING, 0",
        "status,        ok,                 STRING,  0",
        "name,          speaker-cpxhz,      STRING,  0"})
    void classifiesFieldValues(String key, String value, Severity.ValueKind kind, int level) {
        assertThat(Severity.classify(key, value, kind)).isEqualTo(level);
    }
}
