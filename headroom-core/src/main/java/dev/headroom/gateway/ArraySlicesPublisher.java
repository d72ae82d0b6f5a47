package dev.headroom.gateway;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body published as 16 KiB slices of its array, without a copy. The JDK's
 * {@code BodyPublishers.ofByteArray} copies the whole array into fresh buffers on every send, so that a caller may
 * change the array afterwards; a forwarded body is never changed, and for a 1 MiB request that copy was a quarter of
 * what a request passed through allocated. Each {@link #subscribe} (a retry sends again) starts from the first
 * byte. The array must not be changed while a send may be in flight.
 */
final class ArraySlicesPublisher implements HttpRequest.BodyPublisher {
    static final int SLICE_BYTES = 16 * 1024;

    private final byte[] body;

    ArraySlicesPublisher(byte[] body) {
        this.body = Objects.requireNonNull(body, "body");
    }

    @Override
    public long contentLength() {
        return body.length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Slices slices = new Slices(body, subscriber);
        subscriber.onSubscribe(slices);
        if (body.length == 0) {
            slices.drain(); // nothing to ask for: complete at once
        }
    }

    /**
     * One subscriber's pass over the array. Signals are serialised by a work-in-progress counter, so that a
     * {@code request} from inside {@code onNext} queues more work instead of recursing.
     */
    private static final class Slices implements Flow.Subscription {
        private final byte[] body;
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile IllegalArgumentException refused;
        private int offset; // only the thread that holds the work counter touches it

        Slices(byte[] body, Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.body = body;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                refused = new IllegalArgumentException("non-positive request: " + n); // signalled by drain, in turn
            } else {
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            }
            drain();
        }

        @Override
        public void cancel() {
            finished.set(true);
        }

        void drain() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (refused != null && finished.compareAndSet(false, true)) {
                    subscriber.onError(refused);
                }
                while (!finished.get() && offset < body.length && demand.get() > 0) {
                    int length = Math.min(SLICE_BYTES, body.length - offset);
                    ByteBuffer slice = ByteBuffer.wrap(body, offset, length).slice();
                    offset += length;
                    demand.decrementAndGet();
                    subscriber.onNext(slice);
                }
                if (offset >= body.length && finished.compareAndSet(false, true)) {
                    subscriber.onComplete();
                }
                missed = work.addAndGet(-missed);
            } while (missed != 0);
        }
    }
}
