package dev.headroom.gateway;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SseEventReaderTest {

    /** Hands out one byte per read, as a slow network would. */
    private static InputStream trickle(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                return pos < bytes.length ? bytes[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[pos++];
                return 1;
            }
        };
    }

    @Test
    void splitsEventsKeepingTheirExactBytes() {
        String a = "event: message_start\ndata: {\"a\":1}\n\n";
        String b = "data: line1\r\ndata:line2\r\n\r\n";
        String c = ": comment\n\n";
        SseEventReader reader = new SseEventReader(trickle(a + b + c + "data: tail"));
        SseEvent first = reader.next();
        assertThat(new String(first.raw(), StandardCharsets.UTF_8)).isEqualTo(a);
        assertThat(first.event()).isEqualTo("message_start");
        assertThat(first.data()).isEqualTo("{\"a\":1}");
        SseEvent second = reader.next();
        assertThat(new String(second.raw(), StandardCharsets.UTF_8)).isEqualTo(b);
        assertThat(second.event()).isNull();
        assertThat(second.data()).isEqualTo("line1\nline2");
        assertThat(reader.next().data()).isNull();
        assertThat(reader.next().data()).isEqualTo("tail");
        assertThat(reader.next()).isNull();
        assertThat(reader.cut()).isFalse();
    }

    @Test
    void reportsACutStream() {
        InputStream failing = new InputStream() {
            final InputStream head = new ByteArrayInputStream("data: {}\n\ndata: par".getBytes(StandardCharsets.UTF_8));

            @Override
            public int read() throws IOException {
                int b = head.read();
                if (b < 0) {
                    throw new IOException("reset");
                }
                return b;
            }
        };
        SseEventReader reader = new SseEventReader(failing);
        assertThat(reader.next().data()).isEqualTo("{}");
        assertThat(reader.next().data()).isEqualTo("par");
        assertThat(reader.next()).isNull();
        assertThat(reader.cut()).isTrue();
    }
}
