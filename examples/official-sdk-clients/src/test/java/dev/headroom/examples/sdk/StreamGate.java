package dev.headroom.examples.sdk;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a provider's stream back at one event until the client has seen an earlier one. A stream that
 * completes therefore proves the proxy relayed the first events before the upstream had finished: nothing
 * on the way (proxy or SDK) buffered the whole response.
 */
final class StreamGate implements FakeProvider.EventGate {
    private final int holdAtIndex;
    private final CountDownLatch clientSawEarlierEvent = new CountDownLatch(1);
    private volatile boolean timedOut;

    StreamGate(int holdAtIndex) {
        this.holdAtIndex = holdAtIndex;
    }

    /** The client calls this when it has received the earlier event. */
    void clientSawEvent() {
        clientSawEarlierEvent.countDown();
    }

    /** True when the provider gave up waiting: the client never saw the event while the stream was open. */
    boolean timedOut() {
        return timedOut;
    }

    @Override
    public void await(int index) throws IOException {
        if (index != holdAtIndex) {
            return;
        }
        try {
            if (!clientSawEarlierEvent.await(15, TimeUnit.SECONDS)) {
                timedOut = true;
                throw new IOException("the client did not see the earlier event while the stream was held");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
