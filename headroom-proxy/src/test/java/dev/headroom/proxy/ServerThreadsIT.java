package dev.headroom.proxy;

import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.stats.CompositeStatsSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy's request threads, seen from a real upstream on loopback that holds every request until released: with
 * {@code workers(N)} exactly N requests reach it at once, the rest wait in the proxy and complete afterwards.
 */
@Timeout(60)
class ServerThreadsIT {
    private static final int CLIENTS = 6;

    @Test
    void twoWorkersServeTwoRequestsAtOnceAndQueueTheRest() throws Exception {
        assertThat(peakConcurrentUpstreamRequests(ServerThreads.workers(2))).isEqualTo(2);
    }

    @Test
    void automaticThreadsServeEveryClientAtOnce() throws Exception {
        assertThat(peakConcurrentUpstreamRequests(ServerThreads.auto())).isEqualTo(CLIENTS);
    }

    @Test
    void describesTheChoiceForTheBanner() {
        assertThat(ServerThreads.workers(8).describe()).isEqualTo("8 worker threads");
        assertThat(ServerThreads.auto().describe()).containsAnyOf("virtual threads", "Jetty default");
    }

    /** Sends {@link #CLIENTS} requests at once; returns how many the upstream held at the same time. */
    private static int peakConcurrentUpstreamRequests(ServerThreads threads) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        try (RecordingUpstream upstream = new RecordingUpstream()) {
            upstream.respondWith((ex, r) -> {
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                RecordingUpstream.json(ex, 200, "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[]}");
            });
            GatewayConfig config = GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl())
                    .openaiBaseUrl(upstream.baseUrl()).build();
            Gateway gateway = StatsProxy.gateway(config, new CompositeStatsSink(List.of()));
            try (ProxyServer proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false, threads, c -> { })) {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    responses.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages"))
                            .timeout(Duration.ofSeconds(30)).header("x-api-key", "sk-ant-test-" + i)
                            .header("anthropic-version", "2023-06-01")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,"
                                    + "\"messages\":[{\"role\":\"user\",\"content\":\"request " + i + "\"}]}"))
                            .build(), HttpResponse.BodyHandlers.ofString()));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (upstream.received.size() < Math.min(CLIENTS, threads.workers() == 0 ? CLIENTS : threads.workers())
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(700); // time for any request that could still get through to arrive
                int held = peak.get();
                release.countDown();
                for (CompletableFuture<HttpResponse<String>> r : responses) {
                    assertThat(r.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
                }
                assertThat(upstream.received).hasSize(CLIENTS);
                return held;
            }
        }
    }
}
