package dev.headroom.gateway;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reads AWS's binary event-stream framing ({@code application/vnd.amazon.eventstream}, as Bedrock's
 * {@code InvokeModelWithResponseStream} answers): each message is a 12-byte prelude (total length, headers
 * length, CRC32 of those 8 bytes), the headers (name length, name, value type, value), the payload and a CRC32
 * of everything before it. Both checksums are verified; a bad one, a length out of bounds or a message cut off
 * is an {@link IOException}.
 */
final class AwsEventStream {
    /** AWS caps a message at 16 MiB. */
    static final int MAX_MESSAGE = 16 * 1024 * 1024;

    /** One message: its headers (string, and others rendered as text) and payload. */
    record Message(Map<String, String> headers, byte[] payload) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private final DataInputStream in;

    AwsEventStream(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** The next message, or null at a clean end of the stream (between messages). */
    Message next() throws IOException {
        byte[] prelude = new byte[12];
        int first = in.read();
        if (first < 0) {
            return null;
        }
        prelude[0] = (byte) first;
        in.readFully(prelude, 1, 11);
        ByteBuffer p = ByteBuffer.wrap(prelude);
        long total = Integer.toUnsignedLong(p.getInt());
        long headersLength = Integer.toUnsignedLong(p.getInt());
        long preludeCrc = Integer.toUnsignedLong(p.getInt());
        if (crc(prelude, 0, 8) != preludeCrc) {
            throw new IOException("event stream prelude checksum mismatch");
        }
        if (total < 16 || total > MAX_MESSAGE || headersLength > total - 16) {
            throw new IOException("event stream message length out of bounds: " + total);
        }
        byte[] message = new byte[(int) total];
        System.arraycopy(prelude, 0, message, 0, 12);
        try {
            in.readFully(message, 12, (int) total - 12);
        } catch (EOFException e) {
            throw new IOException("event stream message cut off", e);
        }
        long messageCrc = Integer.toUnsignedLong(ByteBuffer.wrap(message, (int) total - 4, 4).getInt());
        if (crc(message, 0, (int) total - 4) != messageCrc) {
            throw new IOException("event stream message checksum mismatch");
        }
        Map<String, String> headers = headers(ByteBuffer.wrap(message, 12, (int) headersLength).slice());
        int payloadStart = 12 + (int) headersLength;
        byte[] payload = new byte[(int) total - 4 - payloadStart];
        System.arraycopy(message, payloadStart, payload, 0, payload.length);
        return new Message(headers, payload);
    }

    private static Map<String, String> headers(ByteBuffer b) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            while (b.hasRemaining()) {
                byte[] name = new byte[b.get() & 0xff];
                b.get(name);
                int type = b.get() & 0xff;
                String value = switch (type) {
                    case 0 -> "true";
                    case 1 -> "false";
                    case 2 -> Byte.toString(b.get());
                    case 3 -> Short.toString(b.getShort());
                    case 4 -> Integer.toString(b.getInt());
                    case 5, 8 -> Long.toString(b.getLong());
                    case 6, 7 -> {
                        byte[] v = new byte[b.getShort() & 0xffff];
                        b.get(v);
                        yield type == 7 ? new String(v, StandardCharsets.UTF_8) : java.util.HexFormat.of().formatHex(v);
                    }
                    case 9 -> {
                        byte[] v = new byte[16];
                        b.get(v);
                        yield java.util.HexFormat.of().formatHex(v);
                    }
                    default -> throw new IOException("event stream header of unknown type " + type);
                };
                headers.put(new String(name, StandardCharsets.UTF_8), value);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException("event stream headers cut off", e);
        }
        return headers;
    }

    static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
