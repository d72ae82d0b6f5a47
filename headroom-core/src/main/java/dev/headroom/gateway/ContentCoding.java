package dev.headroom.gateway;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The HTTP content codings the proxy decodes — {@code gzip} ({@code x-gzip}), {@code deflate} (zlib, or the raw
 * deflate some servers send under that name) and {@code identity}, also stacked ({@code gzip, deflate}) — for
 * request bodies from clients and answers from upstreams alike. Decoding is incremental: a decoded stream
 * returns what has arrived so far, so server-sent events still flow event by event.
 */
final class ContentCoding {
    /** The {@code Accept-Encoding} the proxy sends upstream: exactly the codings it decodes. */
    static final String ACCEPTED = "gzip, deflate";

    private static final int BUFFER = 8192;

    private ContentCoding() {
    }

    /** The codings of a {@code Content-Encoding} value, lower-cased, in the order they were applied; identity left out. */
    static List<String> codings(String contentEncoding) {
        List<String> codings = new ArrayList<>();
        if (contentEncoding != null) {
            for (String part : contentEncoding.split(",")) {
                String coding = part.strip().toLowerCase(Locale.ROOT);
                if (!coding.isEmpty() && !coding.equals("identity")) {
                    codings.add(coding);
                }
            }
        }
        return codings;
    }

    /** The first coding of {@code contentEncoding} that the proxy cannot decode, if any. */
    static Optional<String> unsupported(String contentEncoding) {
        return codings(contentEncoding).stream()
                .filter(c -> !c.equals("gzip") && !c.equals("x-gzip") && !c.equals("deflate")).findFirst();
    }

    /**
     * {@code in} decoded. Nothing is read before the first read of the result, and a body that is empty stays
     * empty (a {@code HEAD} answer or a 204 may carry the header without a body). A body that is not valid data of
     * its coding fails its reads with an {@link IOException}.
     *
     * @throws IllegalArgumentException when {@link #unsupported} names a coding
     */
    static InputStream decode(InputStream in, String contentEncoding) {
        List<String> codings = codings(contentEncoding);
        unsupported(contentEncoding).ifPresent(c -> {
            throw new IllegalArgumentException("cannot decode Content-Encoding '" + c + "'");
        });
        Collections.reverse(codings); // the last coding applied is the first to undo
        InputStream decoded = in;
        for (String coding : codings) {
            decoded = new Lazy(decoded, coding);
        }
        return decoded;
    }

    /** Starts decoding at the first read, once it is known whether the body has any bytes. */
    private static final class Lazy extends FilterInputStream {
        private final String coding;
        private boolean started;
        private Inflater inflater;

        Lazy(InputStream encoded, String coding) {
            super(new PushbackInputStream(encoded, 2));
            this.coding = coding;
        }

        @Override
        public int read() throws IOException {
            return decoder().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return decoder().read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            return decoder().skip(n);
        }

        @Override
        public int available() throws IOException {
            return started ? in.available() : 0;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (inflater != null) {
                    inflater.end(); // an Inflater handed to InflaterInputStream is not ended by it
                }
            }
        }

        private InputStream decoder() throws IOException {
            if (started) {
                return in;
            }
            started = true;
            PushbackInputStream encoded = (PushbackInputStream) in;
            int first = encoded.read();
            if (first < 0) {
                return in; // empty stays empty
            }
            if (coding.equals("deflate")) {
                int second = encoded.read();
                if (second >= 0) {
                    encoded.unread(second);
                }
                encoded.unread(first);
                inflater = new Inflater(!zlibHeader(first, second));
                in = new InflaterInputStream(encoded, inflater, BUFFER);
            } else {
                encoded.unread(first);
                in = new GZIPInputStream(encoded, BUFFER);
            }
            return in;
        }

        /** RFC 1950: compression method 8, and the first two bytes a multiple of 31. */
        private static boolean zlibHeader(int first, int second) {
            return second >= 0 && (first & 0x0f) == 8 && ((first << 8) | second) % 31 == 0;
        }
    }
}
