package dev.headroom.gateway;

import dev.headroom.spi.RequestRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The message bodies of one exchange, for a request log that asked for them
 * ({@link GatewayConfig#logMessages()}): the request body as the client sent it and the whole response body
 * the client received. As a {@link ResponseSink} it passes everything through and keeps a whole response's
 * body; a streamed response is passed through untouched and not kept. Headers are never kept. When message
 * logging is off it keeps nothing and {@link #messages()} is null.
 */
final class MessageCapture implements ResponseSink {
    private final ResponseSink delegate;
    private final boolean enabled;
    private volatile String request;
    private volatile String response;

    MessageCapture(ResponseSink delegate, boolean enabled) {
        this.delegate = delegate;
        this.enabled = enabled;
    }

    /** Remembers the client's (decoded) request body. */
    void request(byte[] body) {
        if (enabled) {
            request = new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The bodies for {@link RequestRecord#messages()}; null when logging is off or no request body was kept. */
    RequestRecord.Messages messages() {
        String req = request;
        return enabled && req != null ? new RequestRecord.Messages(req, response) : null;
    }

    @Override
    public void respond(int status, Headers headers, byte[] body) throws IOException {
        if (enabled) {
            response = new String(body, StandardCharsets.UTF_8);
        }
        delegate.respond(status, headers, body);
    }

    @Override
    public OutputStream stream(int status, Headers headers) throws IOException {
        return delegate.stream(status, headers);
    }
}
