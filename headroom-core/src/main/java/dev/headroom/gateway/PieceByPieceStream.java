package dev.headroom.gateway;

import java.io.IOException;
import java.io.InputStream;

/**
 * An {@link InputStream} whose bytes are made a piece at a time from an upstream stream, for the relays that
 * turn one event format into another as the events arrive ({@link TranslatedEventStream},
 * {@link BedrockEventsToSse}). Closing it closes the upstream.
 */
abstract class PieceByPieceStream extends InputStream {
    private final InputStream upstream;
    private byte[] pending = new byte[0];
    private int pos;
    private boolean ended;

    PieceByPieceStream(InputStream upstream) {
        this.upstream = upstream;
    }

    /** The next piece of the stream (empty for an upstream event that gives the client nothing). */
    protected abstract byte[] nextPiece() throws IOException;

    /** Marks the piece being made as the last one. */
    protected final void end() {
        ended = true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos >= pending.length) {
            if (ended) {
                return -1;
            }
            pending = nextPiece();
            pos = 0;
        }
        int n = Math.min(len, pending.length - pos);
        System.arraycopy(pending, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        upstream.close();
    }
}
