package dev.headroom.compress.log;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeLinesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "2025-09-01 10:20:00 INFO applied config revision r-2166: db.pool.max_open=4 (was 80)",
        "Starting invoices consumer for topic: finance",
        "Running app v2.3.1 on node-3",
        "leader elected: broker-2",
        "scaled deployment checkout to 6 replicas",
        "feature flag sync.parallel_writes switched on by ops",
        "client disconnected from kafka:9092",
        "Server listening at http://10.244.1.13:3005"})
    void recognisesLinesThatAnnounceAChange(String line) {
        assertThat(ChangeLines.announcesChange(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /api/orders/7 200 12ms",
        "synced batch 4411 (210 records)",
        "token ok for user_4635",
        "cart b7a076ed7c9a3bba updated, items=8"})
    void ignoresRoutineLines(String line) {
        assertThat(ChangeLines.announcesChange(line)).isFalse();
    }
}
