package dev.headroom.proxy;

import io.javalin.http.ContentTooLargeResponse;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body into one array of its declared length. Javalin's {@code bodyAsBytes()} reads through a
 * {@code ByteArrayOutputStream} that starts at 32 bytes and doubles, then copies the result: about five bytes
 * allocated per byte of a 1 MiB body, all of it garbage in the young generation at the moment a burst of large
 * requests needs it most. This reads a body of a declared length up to {@link #EXACT_UP_TO} straight into its
 * final array; a longer or undeclared (chunked) one grows from there by doubling, never past the limit.
 */
final class RequestBodies {
    /**
     * A declared length up to which the array is allocated at once. Above it the array grows with the bytes that
     * actually arrive, so that a client cannot make the proxy allocate a large array by declaring a length alone.
     */
    static final int EXACT_UP_TO = 8 << 20;
    private static final int FIRST_UNDECLARED = 16 << 10;

    private RequestBodies() {
    }

    /**
     * The whole body of {@code request}.
     *
     * @param limit largest body accepted, in bytes
     * @throws ContentTooLargeResponse when the body declares or turns out to be longer than {@code limit}, as
     *                                 Javalin's own reader answers (413)
     */
    static byte[] read(HttpServletRequest request, long limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new ContentTooLargeResponse();
        }
        return read(request.getInputStream(), declared, limit);
    }

    /** {@link #read(HttpServletRequest, long)} on a stream whose length is {@code declared} (negative: unknown). */
    static byte[] read(InputStream in, long declared, long limit) throws IOException {
        int cap = (int) Math.min(Integer.MAX_VALUE - 8, limit);
        int size = declared >= 0 ? (int) Math.min(declared, Math.min(cap, EXACT_UP_TO)) : Math.min(cap, FIRST_UNDECLARED);
        byte[] buf = new byte[size];
        int n = 0;
        while (true) {
            n += in.readNBytes(buf, n, buf.length - n);
            if (n < buf.length) {
                return Arrays.copyOf(buf, n); // the stream ended before the array was full
            }
            if (n == declared) {
                return buf;
            }
            int next = in.read();
            if (next < 0) {
                return buf;
            }
            if (n >= cap) {
                throw new ContentTooLargeResponse();
            }
            long grown = Math.min(cap, Math.max((long) n * 2, n + 1L));
            if (declared > n) {
                grown = Math.min(grown, declared);
            }
            buf = Arrays.copyOf(buf, (int) grown);
            buf[n++] = (byte) next;
        }
    }
}
