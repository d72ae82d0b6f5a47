package dev.headroom.gateway;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where the gateway writes its answer; implemented by each host adapter (Javalin, Servlet, Netty, ...).
 * Exactly one of the two methods is called, once.
 */
public interface ResponseSink {

    /** Sends a complete response. */
    void respond(int status, Headers headers, byte[] body) throws IOException;

    /**
     * Commits the status and headers and returns the stream for the body. The gateway writes and flushes
     * each event as it arrives and closes the stream at the end.
     */
    OutputStream stream(int status, Headers headers) throws IOException;
}
