package dev.headroom.gateway;

import dev.headroom.spi.Backend;

/** The server-sent event that ends a client stream when the upstream stream breaks, in the provider's shape. */
final class StreamErrors {
    private StreamErrors() {
    }

    static String event(Backend backend, String message) {
        String body = backend.errorBody(502, "api_error", message);
        if (namedEvents(backend)) {
            return "\n\nevent: error\ndata: " + body + "\n\n";
        }
        return "\n\ndata: " + body + "\n\n";
    }

    /** Whether the client stream is Anthropic's, whose error events are named {@code event: error}. */
    static boolean namedEvents(Backend backend) {
        return backend.name().equals("anthropic") || MessagesUpstream.isClientFacing(backend);
    }
}
