package dev.headroom.gateway;

import java.io.IOException;
import java.io.OutputStream;

/** Remembers whether a response has been started, so a late failure is not answered twice. */
final class CommitTrackingSink implements ResponseSink {
    private final ResponseSink delegate;
    private volatile boolean committed;

    CommitTrackingSink(ResponseSink delegate) {
        this.delegate = delegate;
    }

    boolean committed() {
        return committed;
    }

    @Override
    public void respond(int status, Headers headers, byte[] body) throws IOException {
        committed = true;
        delegate.respond(status, headers, body);
    }

    @Override
    public OutputStream stream(int status, Headers headers) throws IOException {
        committed = true;
        return delegate.stream(status, headers);
    }
}
