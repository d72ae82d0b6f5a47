package dev.headroom.proxy;

import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A {@link StatsSink} for tests that keeps every record and releases one permit per record. The gateway records a
 * request just after its answer went out, so a client can see the answer first: a test waits on {@link #await}
 * instead of sleeping. Placed last in a {@code CompositeStatsSink}, a permit means every other sink saw the record.
 */
final class RecordLatch implements StatsSink {
    private static final long TIMEOUT_SECONDS = 30;
    private final Semaphore permits = new Semaphore(0);
    private final List<RequestRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "latch";
    }

    @Override
    public void record(RequestRecord record) {
        records.add(record);
        permits.release();
    }

    /** Waits (at most 30 s) for {@code n} more records; true when they arrived. */
    boolean await(int n) throws InterruptedException {
        return permits.tryAcquire(n, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Every record so far, in the order they arrived. */
    List<RequestRecord> records() {
        return records;
    }
}
