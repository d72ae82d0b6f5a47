package dev.headroom.cli;

import dev.headroom.testkit.RecordingUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code headroom proxy --region eu-west-1 --bedrock-api-url URL}, as a user runs it: a Bedrock
 * client's {@code /model/{id}/invoke} reaches URL signed for the chosen region with the proxy's AWS credentials
 * (from the environment), and the answer comes back as Bedrock sent it.
 */
@Timeout(90)
class BedrockRoutesCommandIT {
    private static final String MESSAGE = "{\"id\":\"msg_bdrk_01\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}";

    @TempDir
    Path dir;
    private RecordingUpstream upstream;
    private JarProxy proxy;

    @BeforeEach
    void start() throws Exception {
        upstream = new RecordingUpstream();
        upstream.respondWith((ex, r) -> RecordingUpstream.json(ex, 200, MESSAGE));
        proxy = JarProxy.start(dir.resolve("home"), Map.of("AWS_EC2_METADATA_DISABLED", "true",
                        "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                "--region", "eu-west-1", "--bedrock-api-url", upstream.baseUrl().toString());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        upstream.close();
    }

    @Test
    void invokeIsForwardedToTheBedrockUrlSignedForTheChosenRegion() throws Exception {
        assertThat(proxy.banner()).contains("bedrock " + upstream.baseUrl() + " (/model/{id}/invoke*, region eu-west-1)");
        String body = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(proxy.base() + "/model/eu.anthropic.claude-haiku-4-5-20251001-v1%3A0/invoke"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(MESSAGE);
        RecordingUpstream.Received sent = upstream.last();
        assertThat(sent.pathAndQuery()).isEqualTo("/model/eu.anthropic.claude-haiku-4-5-20251001-v1%3A0/invoke");
        assertThat(sent.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/")
                .contains("/eu-west-1/bedrock/aws4_request");
    }
}
