package dev.headroom.gateway;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Decodes a request body's {@code Content-Encoding} ({@link ContentCoding}), refusing to inflate past a limit. */
final class BodyDecoder {
    private BodyDecoder() {
    }

    /** Thrown for an encoding the proxy cannot decode, or a body that does not decode. */
    static final class UnsupportedEncoding extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedEncoding(String message) {
            super(message);
        }
    }

    /** Thrown when the decoded body exceeds the limit. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;
        final long limit;

        TooLarge(long limit) {
            super("decoded body exceeds " + limit + " bytes");
            this.limit = limit;
        }
    }

    static byte[] decode(byte[] body, String contentEncoding, long limit) throws UnsupportedEncoding, TooLarge {
        if (ContentCoding.codings(contentEncoding).isEmpty()) {
            return body;
        }
        Optional<String> unsupported = ContentCoding.unsupported(contentEncoding);
        if (unsupported.isPresent()) {
            throw new UnsupportedEncoding("unsupported Content-Encoding '" + unsupported.get()
                    + "'; send the body uncompressed, gzip or deflate");
        }
        try (InputStream in = ContentCoding.decode(new ByteArrayInputStream(body), contentEncoding)) {
            return readBounded(in, limit);
        } catch (IOException e) {
            throw new UnsupportedEncoding("request body is not valid " + contentEncoding.strip() + " data");
        }
    }

    private static byte[] readBounded(InputStream in, long limit) throws IOException, TooLarge {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                throw new TooLarge(limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
