package com.example.headroom.sink;

import dev.headroom.core.Headroom;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.proxy.ProxyServer;
import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;
import dev.headroom.spi.StatsSinkSettings;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.stats.StatsSinks;
import dev.headroom.testkit.PluginJar;
import dev.headroom.testkit.RecordingUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uses the packaged sink jar as a host application would: on the classpath, its sink is created from the
 * host's settings and receives the record of every request the proxy handles, answered or failed; off it,
 * no such sink exists and no file is written. The plugin's classes are deliberately not on this test's own
 * classpath (see the Failsafe configuration).
 */
class SinkPluginIT {
    /** Where the plugin writes, in the host's home directory (its classes are not visible to this test). */
    private static final String CSV_FILE = "requests.csv";

    @TempDir
    Path home;

    private final HttpClient client = HttpClient.newHttpClient();
    private RecordingUpstream upstream;
    private URLClassLoader withPlugin;

    /** Placed after the sinks under test: a permit means they all saw the record. */
    private static final class Arrivals implements StatsSink {
        final Semaphore seen = new Semaphore(0);

        @Override
        public String name() {
            return "arrivals";
        }

        @Override
        public void record(RequestRecord record) {
            seen.release();
        }
    }

    @BeforeEach
    void start() throws IOException {
        upstream = new RecordingUpstream();
        upstream.respondWith((exchange, request) -> {
            String body = new String(request.body(), StandardCharsets.UTF_8);
            if (body.contains("\"fail-model\"")) {
                RecordingUpstream.json(exchange, 500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}");
            } else {
                RecordingUpstream.json(exchange, 200, "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5}}");
            }
        });
        withPlugin = PluginJar.onTopOf(SinkPluginIT.class.getClassLoader());
    }

    @AfterEach
    void stop() throws IOException {
        upstream.close();
        withPlugin.close();
    }

    private StatsSinkSettings settings() {
        return StatsSinkSettings.builder().home(home).build();
    }

    private int chat(ProxyServer proxy, String model) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer sk-test")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theSinkJarIsFoundAndReceivesEveryRecord() throws Exception {
        Arrivals arrivals = new Arrivals();
        StatsSinks sinks = StatsSinks.open(withPlugin, settings());
        assertThat(sinks.sinks()).extracting(StatsSink::name).contains("csv-log", "stats");
        GatewayConfig config = GatewayConfig.builder().openaiBaseUrl(upstream.baseUrl()).maxRetries(0).build();
        Gateway gateway = new Gateway(Headroom.builder().classLoader(withPlugin).build(), config,
                Backends.discover(withPlugin), new CompositeStatsSink(List.of(sinks.composite(), arrivals)));
        try (ProxyServer proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false)) {
            for (String model : List.of("gpt-4o-mini", "fail-model", "gpt-4o")) {
                chat(proxy, model);
                assertThat(arrivals.seen.tryAcquire(10, TimeUnit.SECONDS)).as("record of " + model).isTrue();
            }
        } finally {
            sinks.close();
        }
        List<String> lines = Files.readAllLines(home.resolve(CSV_FILE));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("request_id,provider,model,status,");
        assertThat(lines.subList(1, 4)).extracting(l -> l.split(",")[1] + "," + l.split(",")[2] + "," + l.split(",")[3])
                .containsExactly("openai,gpt-4o-mini,200", "openai,fail-model,500", "openai,gpt-4o,200");
        assertThat(lines.get(1)).endsWith(",12,5");
        assertThat(lines.subList(1, 4)).extracting(l -> l.split(",")[0]).doesNotHaveDuplicates();
    }

    @Test
    void withoutThePluginThereIsNoSuchSinkAndNoFile() {
        try (StatsSinks sinks = StatsSinks.open(SinkPluginIT.class.getClassLoader(), settings())) {
            assertThat(sinks.sinks()).extracting(StatsSink::name).doesNotContain("csv-log").contains("stats");
        }
        assertThat(home.resolve(CSV_FILE)).doesNotExist();
    }

    @Test
    void aStatelessHostGetsNoCsvFile() {
        StatsSinkSettings stateless = StatsSinkSettings.builder().home(home).stateless(true).build();
        try (StatsSinks sinks = StatsSinks.open(withPlugin, stateless)) {
            assertThat(sinks.sinks()).extracting(StatsSink::name).doesNotContain("csv-log");
        }
        assertThat(home).isEmptyDirectory();
    }
}
