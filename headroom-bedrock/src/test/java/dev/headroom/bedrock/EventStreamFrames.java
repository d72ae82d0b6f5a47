package dev.headroom.bedrock;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Encodes messages in AWS's event-stream framing (application/vnd.amazon.eventstream), as Bedrock's
 * InvokeModelWithResponseStream sends them: prelude (total length, headers length, CRC32 of both), string headers
 * (type 7), payload, CRC32 of the whole message.
 */
final class EventStreamFrames {
    private EventStreamFrames() {
    }

    static byte[] message(Map<String, String> headers, byte[] payload) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            h.write(n.length);
            h.writeBytes(n);
            h.write(7);
            h.write(v.length >> 8);
            h.write(v.length & 0xff);
            h.writeBytes(v);
        });
        byte[] headerBytes = h.toByteArray();
        int total = 12 + headerBytes.length + payload.length + 4;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(total).putInt(headerBytes.length);
        b.putInt((int) crc(b.array(), 0, 8));
        b.put(headerBytes).put(payload);
        b.putInt((int) crc(b.array(), 0, total - 4));
        return b.array();
    }

    /** A {@code chunk} event carrying one Anthropic stream event, as Bedrock wraps it: {@code {"bytes":"<base64>"}}. */
    static byte[] chunk(String anthropicEvent) {
        String payload = "{\"bytes\":\"" + Base64.getEncoder().encodeToString(anthropicEvent.getBytes(StandardCharsets.UTF_8)) + "\"}";
        return message(Map.of(":event-type", "chunk", ":content-type", "application/json", ":message-type", "event"),
                payload.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] exception(String type, String message) {
        return message(Map.of(":exception-type", type, ":content-type", "application/json", ":message-type", "exception"),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
