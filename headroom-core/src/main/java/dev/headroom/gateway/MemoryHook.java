package dev.headroom.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.wire.WireFormat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Persistent agent memory as the gateway sees it (implemented in headroom-memory): for each model request,
 * after compression and output shaping and before {@code headroom_retrieve} is injected, it may add memory
 * context to the latest user turn and append its own tools, whose calls the gateway then serves through
 * {@link ServedTools}. A hook that throws leaves the request as it was (fail open).
 */
public interface MemoryHook {
    /** No memory: every request goes out as it came. */
    MemoryHook NONE = new MemoryHook() {
        @Override
        public Prepared prepare(Headers headers, byte[] body, WireFormat format) {
            return Prepared.unchanged(body);
        }

        @Override
        public Optional<ObjectNode> stats() {
            return Optional.empty();
        }
    };

    /**
     * The request to forward.
     *
     * @param headers the client's request headers (the {@code x-headroom-*} ones included)
     * @param body    the request body as it would be forwarded
     */
    Prepared prepare(Headers headers, byte[] body, WireFormat format);

    /** The {@code memory} section of {@code /stats}, or empty when memory is off. */
    Optional<ObjectNode> stats();

    /**
     * What memory made of one request.
     *
     * @param body       the body to forward (the very same array when unchanged)
     * @param tools      the tools the gateway must serve for this request, when they were injected
     * @param transforms names of the steps applied, for the transforms list
     */
    record Prepared(byte[] body, Optional<ServedTools> tools, List<String> transforms) {
        public Prepared {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(tools, "tools");
            transforms = List.copyOf(transforms);
        }

        public static Prepared unchanged(byte[] body) {
            return new Prepared(body, Optional.empty(), List.of());
        }
    }
}
