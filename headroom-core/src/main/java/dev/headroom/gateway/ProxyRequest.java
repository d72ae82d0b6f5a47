package dev.headroom.gateway;

import java.util.Objects;

/**
 * One client request as the host HTTP stack received it.
 *
 * @param method        the HTTP method, upper case
 * @param path          the path, starting with {@code /}, without the query
 * @param rawQuery      the query string without {@code ?}, verbatim, or an empty string
 * @param headers       the request headers
 * @param body          the body bytes as received (possibly content-encoded)
 * @param loopbackPeer  whether the peer connected from a loopback address
 */
public record ProxyRequest(String method, String path, String rawQuery, Headers headers, byte[] body,
                           boolean loopbackPeer) {
    public ProxyRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = headers == null ? Headers.empty() : headers;
        body = body == null ? new byte[0] : body;
    }
}
