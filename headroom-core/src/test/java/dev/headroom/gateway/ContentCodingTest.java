package dev.headroom.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class ContentCodingTest {
    private static final byte[] TEXT = "{\"type\":\"message\",\"text\":\"hello hello hello\"}".getBytes(StandardCharsets.UTF_8);

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] bytes, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater)) {
            d.write(bytes);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    private static byte[] decoded(byte[] encoded, String coding) throws IOException {
        try (InputStream in = ContentCoding.decode(new ByteArrayInputStream(encoded), coding)) {
            return in.readAllBytes();
        }
    }

    @Test
    void decodesGzipZlibAndRawDeflateAndStackedCodings() throws IOException {
        assertThat(decoded(gzip(TEXT), "gzip")).isEqualTo(TEXT);
        assertThat(decoded(gzip(TEXT), "X-Gzip")).isEqualTo(TEXT);
        assertThat(decoded(deflate(TEXT, false), "deflate")).isEqualTo(TEXT);
        assertThat(decoded(deflate(TEXT, true), "deflate")).isEqualTo(TEXT);
        assertThat(decoded(gzip(deflate(TEXT, false)), "deflate, gzip")).isEqualTo(TEXT);
        assertThat(decoded(TEXT, "identity")).isEqualTo(TEXT);
        assertThat(decoded(TEXT, "")).isEqualTo(TEXT);
    }

    @Test
    void anEmptyBodyStaysEmptyWhateverItsHeaderSays() throws IOException {
        assertThat(decoded(new byte[0], "gzip")).isEmpty();
        assertThat(decoded(new byte[0], "deflate")).isEmpty();
    }

    @Test
    void namesTheCodingItCannotDecode() {
        assertThat(ContentCoding.unsupported("gzip, br")).contains("br");
        assertThat(ContentCoding.unsupported(" Gzip ,identity")).isEmpty();
        assertThat(ContentCoding.unsupported(null)).isEmpty();
        assertThatThrownBy(() -> ContentCoding.decode(InputStream.nullInputStream(), "zstd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zstd");
    }

    @Test
    void invalidDataFailsItsReads() {
        assertThatThrownBy(() -> decoded(TEXT, "gzip")).isInstanceOf(IOException.class);
    }

    @Test
    void returnsWhatHasArrivedWithoutWaitingForTheEnd() throws Exception {
        PipedInputStream network = new PipedInputStream(64 * 1024);
        PipedOutputStream upstream = new PipedOutputStream(network);
        GZIPOutputStream gz = new GZIPOutputStream(upstream, 512, true);
        InputStream in = ContentCoding.decode(network, "gzip");
        byte[] first = "event: ping\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8);
        gz.write(first);
        gz.flush(); // SYNC_FLUSH: the event is complete on the wire, the stream is not
        byte[] buffer = new byte[1024];
        int n = in.read(buffer);
        assertThat(new String(buffer, 0, n, StandardCharsets.UTF_8)).isEqualTo("event: ping\ndata: {}\n\n");
        gz.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        gz.close();
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("data: [DONE]\n\n");
    }
}
