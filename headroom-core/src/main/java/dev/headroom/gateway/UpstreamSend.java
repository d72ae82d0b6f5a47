package dev.headroom.gateway;

import java.net.URI;

/** Sends one request upstream: {@link UpstreamCaller#send} itself, or a backend that translates around it. */
@FunctionalInterface
interface UpstreamSend {
    UpstreamCaller.Exchange send(String method, URI uri, Headers headers, byte[] body) throws UpstreamFailure, InterruptedException;
}
