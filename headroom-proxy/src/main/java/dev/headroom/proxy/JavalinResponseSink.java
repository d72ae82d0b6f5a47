package dev.headroom.proxy;

import dev.headroom.gateway.Headers;
import dev.headroom.gateway.ResponseSink;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;

/** Writes the gateway's answer through a Javalin context, straight to the servlet response. */
final class JavalinResponseSink implements ResponseSink {
    private final Context ctx;

    JavalinResponseSink(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public void respond(int status, Headers headers, byte[] body) throws IOException {
        var res = ctx.res();
        res.setStatus(status);
        copy(headers, res);
        res.setContentLength(body.length);
        OutputStream out = res.getOutputStream();
        out.write(body);
        out.flush();
    }

    @Override
    public OutputStream stream(int status, Headers headers) throws IOException {
        var res = ctx.res();
        res.setStatus(status);
        copy(headers, res);
        res.setHeader("Cache-Control", headers.first("cache-control").orElse("no-cache"));
        OutputStream out = res.getOutputStream();
        out.flush(); // commit status and headers now: the client sees the stream start
        return out;
    }

    /** Content-Type goes through its setter: Javalin has already set a default one. */
    private static void copy(Headers headers, jakarta.servlet.http.HttpServletResponse res) {
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase("content-type")) {
                res.setContentType(value);
            } else {
                res.addHeader(name, value);
            }
        });
    }
}
