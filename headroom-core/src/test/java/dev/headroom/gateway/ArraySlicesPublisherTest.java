package dev.headroom.gateway;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ArraySlicesPublisherTest {

    /** Collects what it is sent, asking for one slice at a time from inside onNext (as the JDK client may). */
    private static final class Collector implements Flow.Subscriber<ByteBuffer> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> sliceSizes = new ArrayList<>();
        final long firstRequest;
        final boolean askFromOnNext;
        Flow.Subscription subscription;
        boolean completed;
        Throwable error;

        Collector(long firstRequest, boolean askFromOnNext) {
            this.firstRequest = firstRequest;
            this.askFromOnNext = askFromOnNext;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(firstRequest);
        }

        @Override
        public void onNext(ByteBuffer item) {
            sliceSizes.add(item.remaining());
            byte[] b = new byte[item.remaining()];
            item.get(b);
            bytes.writeBytes(b);
            if (askFromOnNext) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @Test
    void publishesTheWholeArrayInOrderInSlicesOfAtMostSixteenKib() {
        for (int size : new int[] {0, 1, ArraySlicesPublisher.SLICE_BYTES, ArraySlicesPublisher.SLICE_BYTES + 1, 100_003}) {
            byte[] body = bytes(size);
            ArraySlicesPublisher publisher = new ArraySlicesPublisher(body);
            Collector c = new Collector(1, true);
            publisher.subscribe(c);
            assertThat(publisher.contentLength()).isEqualTo(size);
            assertThat(c.bytes.toByteArray()).as("size " + size).isEqualTo(body);
            assertThat(c.completed).isTrue();
            assertThat(c.error).isNull();
            assertThat(c.sliceSizes).allSatisfy(s -> assertThat(s).isBetween(1, ArraySlicesPublisher.SLICE_BYTES));
        }
    }

    @Test
    void sendsNoMoreSlicesThanWereAskedFor() {
        byte[] body = bytes(5 * ArraySlicesPublisher.SLICE_BYTES);
        Collector c = new Collector(2, false);
        new ArraySlicesPublisher(body).subscribe(c);
        assertThat(c.sliceSizes).hasSize(2);
        assertThat(c.completed).isFalse();

        c.subscription.request(Long.MAX_VALUE);
        c.subscription.request(Long.MAX_VALUE); // demand is capped, not overflowed

        assertThat(c.bytes.toByteArray()).isEqualTo(body);
        assertThat(c.completed).isTrue();
    }

    @Test
    void stopsAfterCancel() {
        Collector c = new Collector(1, false);
        new ArraySlicesPublisher(bytes(3 * ArraySlicesPublisher.SLICE_BYTES)).subscribe(c);
        c.subscription.cancel();
        c.subscription.request(10);
        assertThat(c.sliceSizes).hasSize(1);
        assertThat(c.completed).isFalse();
    }

    @Test
    void signalsAnErrorForANonPositiveRequest() {
        Collector c = new Collector(0, false);
        new ArraySlicesPublisher(bytes(10)).subscribe(c);
        assertThat(c.error).isInstanceOf(IllegalArgumentException.class);
        assertThat(c.sliceSizes).isEmpty();
    }

    @Test
    void everySubscriptionStartsFromTheFirstByte() {
        byte[] body = bytes(40_000);
        ArraySlicesPublisher publisher = new ArraySlicesPublisher(body);
        for (int i = 0; i < 2; i++) {
            Collector c = new Collector(Long.MAX_VALUE, false);
            publisher.subscribe(c);
            assertThat(c.bytes.toByteArray()).isEqualTo(body);
        }
    }

    @Test
    void aRealServerReceivesTheBodyByteForByte() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicReference<byte[]> received = new AtomicReference<>();
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                received.set(in.readAllBytes());
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        try {
            byte[] body = bytes((1 << 20) + 3);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                    .POST(new ArraySlicesPublisher(body)).build();
            HttpResponse<Void> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(received.get()).isEqualTo(body);
        } finally {
            server.stop(0);
        }
    }
}
