package dev.headroom.proxy;

import dev.headroom.testkit.RecordingUpstream;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Makes a {@link RecordingUpstream.Responder} answer with a compressed body, as a real server does: whatever
 * the responder writes is encoded on the fly (flushed with {@code SYNC_FLUSH}, so that each flushed event
 * reaches the wire at once), sent chunked, with the matching {@code Content-Encoding} header.
 */
final class EncodingUpstream {
    private EncodingUpstream() {
    }

    /** Answers of {@code responder}, gzipped. */
    static RecordingUpstream.Responder gzip(RecordingUpstream.Responder responder) {
        return encoded("gzip", responder);
    }

    /** Answers of {@code responder}, in the zlib format that HTTP calls {@code deflate}. */
    static RecordingUpstream.Responder deflate(RecordingUpstream.Responder responder) {
        return encoded("deflate", responder);
    }

    /**
     * Answers of {@code responder} labelled {@code Content-Encoding: coding}; codings other than gzip and deflate
     * are simulated by gzipping the body (a proxy that cannot decode the label cannot tell the difference).
     */
    static RecordingUpstream.Responder encoded(String coding, RecordingUpstream.Responder responder) {
        return (ex, r) -> {
            Encoding encoding = new Encoding(ex, coding);
            responder.respond(encoding, r);
            encoding.finish();
        };
    }

    /** An exchange whose response body is compressed on its way to the real one. */
    private static final class Encoding extends HttpExchange {
        private final HttpExchange ex;
        private final String coding;
        private DeflaterOutputStream body;

        Encoding(HttpExchange ex, String coding) {
            this.ex = ex;
            this.coding = coding;
        }

        @Override
        public void sendResponseHeaders(int status, long length) throws IOException {
            if (length < 0) {
                ex.sendResponseHeaders(status, length); // no body
                return;
            }
            ex.getResponseHeaders().set("Content-Encoding", coding);
            ex.sendResponseHeaders(status, 0); // chunked: the compressed length is not known yet
            OutputStream raw = ex.getResponseBody();
            body = coding.equals("deflate") ? new DeflaterOutputStream(raw, new Deflater(), 512, true)
                    : new GZIPOutputStream(raw, 512, true);
        }

        @Override
        public OutputStream getResponseBody() {
            return body != null ? body : ex.getResponseBody();
        }

        void finish() throws IOException {
            if (body != null) {
                body.finish();
                body.flush();
            }
        }

        @Override
        public Headers getRequestHeaders() {
            return ex.getRequestHeaders();
        }

        @Override
        public Headers getResponseHeaders() {
            return ex.getResponseHeaders();
        }

        @Override
        public URI getRequestURI() {
            return ex.getRequestURI();
        }

        @Override
        public String getRequestMethod() {
            return ex.getRequestMethod();
        }

        @Override
        public HttpContext getHttpContext() {
            return ex.getHttpContext();
        }

        @Override
        public void close() {
            ex.close();
        }

        @Override
        public InputStream getRequestBody() {
            return ex.getRequestBody();
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return ex.getRemoteAddress();
        }

        @Override
        public int getResponseCode() {
            return ex.getResponseCode();
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return ex.getLocalAddress();
        }

        @Override
        public String getProtocol() {
            return ex.getProtocol();
        }

        @Override
        public Object getAttribute(String name) {
            return ex.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            ex.setAttribute(name, value);
        }

        @Override
        public void setStreams(InputStream i, OutputStream o) {
            ex.setStreams(i, o);
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return ex.getPrincipal();
        }
    }
}
