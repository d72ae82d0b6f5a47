package dev.headroom.gateway;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Bounds the request bytes under compression at once, so that a burst of large requests costs memory in
 * proportion to the work the cores can do, not to the number of requests. A request is admitted when its
 * body fits into what is left of the limit; otherwise it queues (first come, first served), and when it is not
 * admitted in time it goes out uncompressed — the gateway counts it with the reason code {@value #REASON}. "In time"
 * means that its own compression, too, ends within {@link AdmissionSettings#maxWait()}: a request queues only while
 * its expected wait (the bytes queued ahead of it, at the rate recent compressions went) plus one compression (as
 * long as recent ones held their permit) fits the wait, and for at most the wait less that compression. So under
 * overload compression adds at most about the wait to a request, and a request that would only have waited to go out
 * uncompressed anyway goes out at once. A body larger than the whole limit is admitted only when nothing else is
 * being compressed, so that large requests are still compressed, one at a time.
 *
 * <p>Which requests of a burst are compressed depends on timing, so under overload the same request may go out
 * compressed once and as received another time; each form is still byte-stable on its own.
 *
 * <p>Thread-safe.
 */
public final class CompressionAdmission {
    /** The reason code of a request that went out uncompressed because the limit stayed full. */
    public static final String REASON = "admission_limit";

    private static final long UNIT = 1024;

    private final AdmissionSettings settings;
    private final Semaphore permits;
    private final int totalUnits;
    private final LongSupplier nanoTime;
    private final AtomicLong waitingUnits = new AtomicLong();
    /** Exponentially weighted nanoseconds a permit was held; 0 until the first one. */
    private double holdNanos;

    /** Admission of one request; {@link #close()} gives its bytes back (once). */
    public final class Permit implements AutoCloseable {
        private final int units;
        private final long admittedAt;
        private boolean released;

        private Permit(int units) {
            this.units = units;
            this.admittedAt = units > 0 ? nanoTime.getAsLong() : 0;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                if (units > 0) {
                    learn(nanoTime.getAsLong() - admittedAt);
                    permits.release(units);
                }
            }
        }
    }

    public CompressionAdmission(AdmissionSettings settings) {
        this(settings, System::nanoTime);
    }

    /** With a time source of its own, for tests. */
    CompressionAdmission(AdmissionSettings settings, LongSupplier nanoTime) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.totalUnits = (int) Math.min(Integer.MAX_VALUE, settings.maxBytes() / UNIT);
        this.permits = new Semaphore(totalUnits, true);
    }

    public AdmissionSettings settings() {
        return settings;
    }

    /**
     * Admits a request of {@code bodyBytes}, queueing only as long as its compression can still end within
     * {@link AdmissionSettings#maxWait()}.
     *
     * @return the permit to close once compression is done, or empty when the limit stayed full
     * @throws InterruptedException when the thread is interrupted while queueing
     */
    public Optional<Permit> admit(long bodyBytes) throws InterruptedException {
        if (!settings.limited()) {
            return Optional.of(new Permit(0));
        }
        int units = (int) Math.min(totalUnits, Math.max(1, (bodyBytes + UNIT - 1) / UNIT));
        long waitNanos = settings.maxWait().toNanos();
        if (permits.tryAcquire(units, 0, TimeUnit.NANOSECONDS)) { // honours the queue: no barging past waiters
            return Optional.of(new Permit(units));
        }
        double hold = holdNanos();
        long queueNanos = (long) (waitNanos - hold); // admitted later than this, its compression would end past the wait
        if (queueNanos <= 0 || expectedWaitNanos(units, hold) > queueNanos) {
            return Optional.empty();
        }
        waitingUnits.addAndGet(units);
        try {
            return permits.tryAcquire(units, queueNanos, TimeUnit.NANOSECONDS) ? Optional.of(new Permit(units)) : Optional.empty();
        } finally {
            waitingUnits.addAndGet(-units);
        }
    }

    /**
     * How long a request of {@code units} would queue: the limit has to turn over once for every limit's worth of
     * units queued ahead of it and its own, and a turn takes about as long as recent permits were held
     * ({@code hold}). 0 while nothing is known.
     */
    private double expectedWaitNanos(int units, double hold) {
        return hold * (waitingUnits.get() + units) / totalUnits;
    }

    /** How long recent permits were held (exponentially weighted); 0 until the first one was given back. */
    private synchronized double holdNanos() {
        return holdNanos;
    }

    private synchronized void learn(long heldNanos) {
        holdNanos = holdNanos == 0 ? heldNanos : 0.8 * holdNanos + 0.2 * heldNanos;
    }

    /** Bytes currently under compression (to the limit's 1 KiB granularity). */
    public long bytesInUse() {
        return settings.limited() ? (long) (totalUnits - permits.availablePermits()) * UNIT : 0;
    }
}
