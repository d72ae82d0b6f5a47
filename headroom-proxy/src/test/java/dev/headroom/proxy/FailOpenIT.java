package dev.headroom.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.core.Headroom;
import dev.headroom.gateway.Backends;
import dev.headroom.gateway.Gateway;
import dev.headroom.gateway.GatewayConfig;
import dev.headroom.pipeline.KeepHeadCompressor;
import dev.headroom.retention.RetentionStore;
import dev.headroom.stats.CompositeStatsSink;
import dev.headroom.testkit.RecordingUpstream;
import dev.headroom.wire.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure inside Headroom never costs the client its request (DESIGN.md rule 4). */
@Timeout(60)
class FailOpenIT {

    /** A retention store whose disk is gone. */
    static final class BrokenStore implements RetentionStore {
        @Override
        public String put(String original) {
            throw new IllegalStateException("disk full");
        }

        @Override
        public Optional<String> get(String hash) {
            return Optional.empty();
        }
    }

    @Test
    void forwardsTheRequestUnchangedWhenRetentionFails() throws Exception {
        try (RecordingUpstream upstream = new RecordingUpstream()) {
            Gateway gateway = new Gateway(Headroom.builder().discoverCompressors(false).addCompressor(new KeepHeadCompressor(3))
                    .retentionStore(new BrokenStore()).build(),
                    GatewayConfig.builder().anthropicBaseUrl(upstream.baseUrl()).openaiBaseUrl(upstream.baseUrl()).build(),
                    Backends.discover(FailOpenIT.class.getClassLoader()), new CompositeStatsSink(List.of()));
            ObjectNode root = JsonCodec.mapper().createObjectNode().put("model", "claude-sonnet-4-5").put("max_tokens", 10);
            ArrayNode messages = root.putArray("messages");
            messages.addObject().put("role", "user").put("content", "edit the file");
            String[][] calls = {{"Read", "old content line\n".repeat(100)}, {"Edit", "updated"}, {"Read", "new content line\n".repeat(100)}};
            for (int i = 0; i < calls.length; i++) {
                ObjectNode use = messages.addObject().put("role", "assistant").putArray("content").addObject();
                use.put("type", "tool_use").put("id", "t" + i).put("name", calls[i][0]).putObject("input").put("file_path", "/a.py");
                messages.addObject().put("role", "user").putArray("content").addObject()
                        .put("type", "tool_result").put("tool_use_id", "t" + i).put("content", calls[i][1]);
            }
            String body = JsonCodec.write(root);
            try (ProxyServer proxy = ProxyServer.start(gateway, "127.0.0.1", 0, Optional.empty(), false)) {
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/messages"))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(new String(upstream.last().body(), StandardCharsets.UTF_8)).isEqualTo(body);
            }
        }
    }
}
