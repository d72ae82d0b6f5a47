package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.spi.Backend;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The client side of a rewritten event stream: every event is written and flushed at once, and usage is
 * read on the side from exactly what the client receives.
 */
final class SseOutput {
    private final OutputStream out;
    private final SseUsageTap tap = new SseUsageTap();

    SseOutput(OutputStream out) {
        this.out = out;
    }

    /** Relays an event as the upstream sent it. */
    void relay(SseEvent event) throws IOException {
        write(event.raw());
    }

    /** Writes an event whose data was changed, keeping its {@code event:} name. */
    void write(SseEvent original, JsonNode data) throws IOException {
        String name = original.event() == null ? "" : "event: " + original.event() + "\n";
        write((name + "data: " + JsonCodec.write(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Ends the stream with the provider's error event. */
    void error(Backend backend, String message) throws IOException {
        write(StreamErrors.event(backend, message).getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes that already form complete events. */
    void raw(byte[] events) throws IOException {
        write(events);
    }

    dev.headroom.spi.Usage usage() {
        return tap.usage();
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        tap.accept(bytes, bytes.length);
    }
}
