package dev.headroom.proxy;

import dev.headroom.core.Headroom;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.gateway.ResponseCache;
import dev.headroom.stats.PriceTable;
import dev.headroom.stats.StatsAggregator;
import dev.headroom.testkit.RecordingUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A proxy shared by a team: with a proxy token every route but {@code /livez} and {@code /readyz} needs it
 * (model routes in {@code x-headroom-token}, so the provider key passes untouched; admin routes also as
 * {@code Authorization: Bearer}); without one, admin routes refuse non-loopback peers; and a loopback-bound
 * proxy refuses foreign {@code Host} headers (DNS rebinding). Raw sockets, so the test chooses every header.
 */
@Timeout(60)
class SharedProxyAccessIT {
    private static final String TOKEN = "team-token-5f1e2d3c4b";
    private static final String MESSAGE = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";

    private RecordingUpstream upstream;
    private ProxyServer proxy;

    private ProxyServer start(String host, Optional<String> token, boolean allowOpen) throws Exception {
        upstream = new RecordingUpstream();
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200, "{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"pong\"}],\"model\":\"claude-sonnet-4-5\","
                + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}"));
        GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl())
                .openaiBaseUrl(upstream.baseUrl()).responseCache(ResponseCache.Settings.disabled()).build();
        StatsAggregator stats = new StatsAggregator(PriceTable.builtIn());
        Gateway gateway = new Gateway(Headroom.builder().discoverCompressors(false).build(), config,
                Backends.discover(SharedProxyAccessIT.class.getClassLoader()), stats);
        proxy = ProxyServer.start(gateway, host, 0, token, allowOpen, c -> c.stats = stats);
        return proxy;
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void withATokenEveryRouteButLivenessNeedsItEvenFromLoopback() throws Exception {
        start("127.0.0.1", Optional.of(TOKEN), false);
        String host = "127.0.0.1:" + proxy.port();
        assertThat(send("127.0.0.1", "GET", "/livez", host)).startsWith("HTTP/1.1 200");
        assertThat(send("127.0.0.1", "GET", "/readyz", host)).startsWith("HTTP/1.1 200");
        for (String path : new String[]{"/health", "/stats", "/dashboard", "/v1/retrieve/0123456789abcdef01234567"}) {
            assertThat(send("127.0.0.1", "GET", path, host)).as(path).startsWith("HTTP/1.1 401")
                    .contains("proxy token required");
            assertThat(send("127.0.0.1", "GET", path, host, "Authorization: Bearer " + TOKEN)).as(path)
                    .doesNotStartWith("HTTP/1.1 401").doesNotStartWith("HTTP/1.1 403");
        }
        assertThat(send("127.0.0.1", "POST", "/cache/clear", host)).startsWith("HTTP/1.1 401");
        assertThat(send("127.0.0.1", "POST", "/cache/clear", host, "x-headroom-token: " + TOKEN)).startsWith("HTTP/1.1 200");
        assertThat(send("127.0.0.1", "POST", "/stats/reset", host, "Authorization: Bearer wrong-" + TOKEN))
                .startsWith("HTTP/1.1 401");
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void modelRoutesTakeTheTokenInItsOwnHeaderAndForwardTheProviderKeyUntouched() throws Exception {
        start("127.0.0.1", Optional.of(TOKEN), false);
        String host = "127.0.0.1:" + proxy.port();
        String refused = post("127.0.0.1", "/v1/messages", host, "x-api-key: sk-ant-client-key");
        assertThat(refused).startsWith("HTTP/1.1 401").contains("\"type\":\"error\"").contains("authentication_error");
        // the client's Authorization is its provider key: the proxy token is never taken from it
        assertThat(post("127.0.0.1", "/v1/messages", host, "Authorization: Bearer " + TOKEN)).startsWith("HTTP/1.1 401");
        assertThat(upstream.received).isEmpty();

        String served = post("127.0.0.1", "/v1/messages", host, "x-headroom-token: " + TOKEN,
                "x-api-key: sk-ant-client-key", "Authorization: Bearer sk-ant-oat01-client");
        assertThat(served).startsWith("HTTP/1.1 200").contains("pong");
        RecordingUpstream.Received received = upstream.last();
        assertThat(received.header("x-api-key")).isEqualTo("sk-ant-client-key");
        assertThat(received.header("authorization")).isEqualTo("Bearer sk-ant-oat01-client");
        assertThat(received.header("x-headroom-token")).as("the proxy token never goes upstream").isNull();
        assertThat(received.headers().toString()).doesNotContain(TOKEN);
    }

    @Test
    void aLoopbackBoundProxyRefusesForeignHostHeaders() throws Exception {
        start("127.0.0.1", Optional.empty(), false);
        String rebound = post("127.0.0.1", "/v1/messages", "attacker.example:" + proxy.port(), "x-api-key: sk-ant-client-key");
        assertThat(rebound).startsWith("HTTP/1.1 403").contains("Host header");
        assertThat(send("127.0.0.1", "GET", "/stats", "127.0.0.1.attacker.example")).startsWith("HTTP/1.1 403");
        assertThat(send("127.0.0.1", "GET", "/dashboard", "attacker.example")).startsWith("HTTP/1.1 403");
        assertThat(upstream.received).isEmpty();
        for (String host : new String[]{"localhost:" + proxy.port(), "127.0.0.1:1", "[::1]:" + proxy.port(), "LOCALHOST"}) {
            assertThat(post("127.0.0.1", "/v1/messages", host, "x-api-key: sk-ant-client-key")).as(host)
                    .startsWith("HTTP/1.1 200");
        }
        assertThat(upstream.received).hasSize(4);
    }

    @Test
    void adminRoutesRefuseNonLoopbackPeersWithoutTheToken() throws Exception {
        String address = nonLoopbackAddress();
        start("0.0.0.0", Optional.empty(), true);
        String host = address + ":" + proxy.port();
        assertThat(send(address, "POST", "/stats/reset", host)).startsWith("HTTP/1.1 403").contains("loopback only");
        assertThat(send(address, "POST", "/cache/clear", host)).startsWith("HTTP/1.1 403");
        assertThat(send(address, "GET", "/v1/retrieve/0123456789abcdef01234567", host)).startsWith("HTTP/1.1 403");
        assertThat(post(address, "/v1/messages", host, "x-api-key: sk-ant-client-key")).startsWith("HTTP/1.1 401");
        assertThat(send(address, "GET", "/livez", host)).startsWith("HTTP/1.1 200");
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void aNonLoopbackPeerWithTheTokenIsServedOnAdminAndModelRoutes() throws Exception {
        String address = nonLoopbackAddress();
        start("0.0.0.0", Optional.of(TOKEN), false);
        String host = "headroom.team.example:" + proxy.port();
        assertThat(send(address, "POST", "/stats/reset", host)).startsWith("HTTP/1.1 401");
        assertThat(send(address, "POST", "/stats/reset", host, "Authorization: Bearer " + TOKEN)).startsWith("HTTP/1.1 200");
        assertThat(send(address, "POST", "/cache/clear", host, "Authorization: Bearer " + TOKEN)).startsWith("HTTP/1.1 200");
        assertThat(send(address, "GET", "/v1/retrieve/0123456789abcdef01234567", host, "Authorization: Bearer " + TOKEN))
                .startsWith("HTTP/1.1 404");
        assertThat(post(address, "/v1/messages", host, "x-headroom-token: " + TOKEN, "x-api-key: sk-ant-client-key"))
                .startsWith("HTTP/1.1 200");
        assertThat(upstream.last().header("x-headroom-token")).isNull();
    }

    private String post(String address, String path, String host, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "content-type: application/json";
        all[headers.length + 1] = "anthropic-version: 2023-06-01";
        return exchange(address, "POST", path, host, MESSAGE, all);
    }

    private String send(String address, String method, String path, String host, String... headers) throws Exception {
        return exchange(address, method, path, host, "", headers);
    }

    private String exchange(String address, String method, String path, String host, String body, String... headers)
            throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        head.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket(address, proxy.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** This machine's first non-loopback IPv4 address; the test is skipped on a machine without one. */
    private static String nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        assumeThat(false).as("a non-loopback IPv4 address on this machine").isTrue();
        return null;
    }
}
