package dev.headroom.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits an upstream server-sent event stream into events as they arrive: {@link #next()} returns as soon as
 * one event's terminating blank line has been read, without waiting for more. Lines may end in LF or CRLF.
 * A read failure is not thrown: the stream counts as {@link #cut() cut} and ends.
 */
final class SseEventReader {
    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;
    private final ByteArrayOutputStream event = new ByteArrayOutputStream(512);
    private int lineStart;
    private byte previous;
    private boolean cut;

    SseEventReader(InputStream in) {
        this.in = in;
    }

    /** The next complete event, or null at the end of the stream (trailing bytes without a blank line are returned as a last event). */
    SseEvent next() {
        while (true) {
            while (pos < limit) {
                byte b = buffer[pos++];
                event.write(b);
                if (b == '\n') {
                    int lineLength = event.size() - lineStart;
                    boolean blank = lineLength == 1 || (lineLength == 2 && previous == '\r');
                    lineStart = event.size();
                    if (blank) {
                        previous = 0;
                        return take();
                    }
                }
                previous = b;
            }
            if (cut) {
                return null;
            }
            try {
                limit = in.read(buffer);
                pos = 0;
            } catch (IOException e) {
                cut = true;
                limit = 0;
                pos = 0;
                return event.size() > 0 ? take() : null;
            }
            if (limit < 0) {
                limit = 0;
                return event.size() > 0 ? take() : null;
            }
        }
    }

    /** Whether reading failed before the stream ended normally. */
    boolean cut() {
        return cut;
    }

    private SseEvent take() {
        byte[] raw = event.toByteArray();
        event.reset();
        lineStart = 0;
        String name = null;
        StringBuilder data = null;
        for (String line : new String(raw, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.startsWith("event:")) {
                name = value(line, 6);
            } else if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder() : data.append('\n');
                data.append(value(line, 5));
            }
        }
        return new SseEvent(raw, name, data == null ? null : data.toString());
    }

    private static String value(String line, int prefix) {
        String v = line.substring(prefix);
        return v.startsWith(" ") ? v.substring(1) : v;
    }
}
