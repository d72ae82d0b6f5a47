package dev.headroom.proxy;

import io.javalin.http.ContentTooLargeResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestBodiesTest {
    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    /** A stream that hands out at most 1,000 bytes per read, as a socket does with a body in flight. */
    private static InputStream trickle(byte[] b) {
        return new FilterInputStream(new ByteArrayInputStream(b)) {
            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                return super.read(buf, off, Math.min(len, 1000));
            }
        };
    }

    @Test
    void readsADeclaredBodyWholeFromShortReads() throws IOException {
        byte[] body = bytes(1 << 20);
        assertThat(RequestBodies.read(trickle(body), body.length, 2 << 20)).isEqualTo(body);
    }

    @Test
    void readsAnUndeclaredBodyWholeThroughSeveralGrowths() throws IOException {
        byte[] body = bytes(300_001);
        assertThat(RequestBodies.read(trickle(body), -1, 2 << 20)).isEqualTo(body);
    }

    @Test
    void readsABodyDeclaredAboveTheExactSizeByGrowingToIt() throws IOException {
        byte[] body = bytes(RequestBodies.EXACT_UP_TO + 12_345);
        assertThat(RequestBodies.read(trickle(body), body.length, 64 << 20)).isEqualTo(body);
    }

    @Test
    void readsAnEmptyBody() throws IOException {
        assertThat(RequestBodies.read(new ByteArrayInputStream(new byte[0]), 0, 1024)).isEmpty();
        assertThat(RequestBodies.read(new ByteArrayInputStream(new byte[0]), -1, 1024)).isEmpty();
    }

    @Test
    void returnsWhatArrivedWhenTheStreamEndsBeforeItsDeclaredLength() throws IOException {
        byte[] body = bytes(5000);
        assertThat(RequestBodies.read(trickle(body), 9000, 1 << 20)).isEqualTo(body);
    }

    @Test
    void acceptsAnUndeclaredBodyOfExactlyTheLimit() throws IOException {
        byte[] body = bytes(40_000);
        assertThat(RequestBodies.read(trickle(body), -1, body.length)).isEqualTo(body);
    }

    @Test
    void refusesAnUndeclaredBodyOneByteOverTheLimit() {
        byte[] body = bytes(40_001);
        assertThatThrownBy(() -> RequestBodies.read(trickle(body), -1, 40_000))
                .isInstanceOf(ContentTooLargeResponse.class);
    }
}
