package dev.headroom.bench;

import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;

import java.util.concurrent.ConcurrentLinkedQueue;

/** The proxy's own view: keeps the gateway's pre-forward overhead and token counts per request. */
final class OverheadRecorder implements StatsSink {
    final ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();

    @Override
    public String name() {
        return "bench-recorder";
    }

    @Override
    public void record(RequestRecord record) {
        records.add(record);
    }
}
